import { usage } from './run.js';

/** The secret on standard input, up to its first line break, as bytes (the token layer wipes them). */
export async function readSecretFromStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const all = Buffer.concat(chunks);
  chunks.forEach((c) => c.fill(0));
  let end = all.indexOf(0x0a);
  if (end < 0) end = all.length;
  if (end > 0 && all[end - 1] === 0x0d) end--;
  const secret = new Uint8Array(all.subarray(0, end));
  all.fill(0);
  if (secret.length === 0) throw usage('--pin-stdin was given but standard input is empty');
  return secret;
}
