import { usage } from './run.js';

/** A service token from standard input (`--token-stdin`, first line) or INKSTONE_EVIDENCE_TOKEN: never an argument, which `ps` shows. */
export async function readToken(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    const token = Buffer.concat(chunks).toString('utf8').split(/\r?\n/u)[0].trim();
    if (!token) throw usage('--token-stdin was given but standard input is empty');
    return token;
  }
  const env = process.env.INKSTONE_EVIDENCE_TOKEN?.trim();
  if (!env) throw usage('give the API token on standard input with --token-stdin, or in INKSTONE_EVIDENCE_TOKEN');
  return env;
}
