import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { importIssuedCertificate, requestCertificateOnToken } from '../../src-main/core/devices/index.js';
import { TOKEN_KEY_SPECS, type TokenKeySpec } from '../../src-main/core/tokens/index.js';
import { cliLanguage, EXIT, runCommand, usage } from '../run.js';
import { readSecretFromStdin } from '../secret-input.js';
import { CLI_TEXT } from '../text.js';
import { say } from '../../src-shared/i18n/index.js';

interface TokenOptions {
  module: string;
  serial: string;
  pinStdin?: boolean;
  json?: boolean;
  lang?: string;
}

/**
 * `inkstone tokens csr` and `inkstone tokens import-cert`: 证书申请 on a token and, once the CA has
 * answered, its certificate stored beside the key — the same core the signing devices screen uses.
 */
export function registerEnrolmentCommands(tokens: Command): void {
  tokens
    .command('csr')
    .description('make a key pair on the token (it never leaves it) and write a PKCS#10 certificate request for the CA')
    .requiredOption('--module <path>', 'PKCS#11 module of the token')
    .requiredOption('--serial <serial>', 'token serial number (see `inkstone tokens list`)')
    .option('--key-type <type>', `${TOKEN_KEY_SPECS.join(', ')}`, 'RSA-2048')
    .requiredOption('--cn <name>', 'common name: the holder (a person, or the organisation for a company seal)')
    .option('--o <organisation>', 'organisation (O)')
    .option('--ou <unit>', 'organisational unit (OU)')
    .option('--credit-code <code>', '统一社会信用代码 (written as organizationIdentifier NTRCN-…)')
    .requiredOption('--out <file>', 'where to write the request (PEM)')
    .option('--pin-stdin', 'read the token PIN from standard input (required: no prompt here)')
    .option('--json', 'print { keyId, out, ref } as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .action((opts: TokenOptions & { keyType: string; cn: string; o?: string; ou?: string; creditCode?: string; out: string }) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        if (!(TOKEN_KEY_SPECS as readonly string[]).includes(opts.keyType)) throw usage(`--key-type must be one of ${TOKEN_KEY_SPECS.join(', ')}`);
        const pin = await pinFrom(opts);
        const result = await requestCertificateOnToken({
          token: { module: opts.module, tokenSerial: opts.serial },
          pin,
          spec: opts.keyType as TokenKeySpec,
          subject: { commonName: opts.cn, organisation: opts.o, organisationalUnit: opts.ou, creditCode: opts.creditCode },
        });
        await writeFile(opts.out, result.pem, { flag: 'wx' });
        if (opts.json) process.stdout.write(`${JSON.stringify({ keyId: result.keyId, out: opts.out, ref: result.ref })}\n`);
        else process.stdout.write(say(CLI_TEXT.csrWritten, lang, { keyId: result.keyId, out: opts.out }));
        return EXIT.ok;
      }, lang);
    });

  tokens
    .command('import-cert')
    .description('store the certificate the CA issued (PEM with its chain, or DER) on the token beside its key')
    .requiredOption('--module <path>', 'PKCS#11 module of the token')
    .requiredOption('--serial <serial>', 'token serial number (see `inkstone tokens list`)')
    .option('--pin-stdin', 'read the token PIN from standard input (required: no prompt here)')
    .option('--json', 'print { keyId, stored } as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .argument('<file>', 'the certificate file from the CA')
    .action((file: string, opts: TokenOptions) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const pin = await pinFrom(opts);
        const result = await importIssuedCertificate({ token: { module: opts.module, tokenSerial: opts.serial }, pin, file: await readFile(file) });
        if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else process.stdout.write(say(CLI_TEXT.certificatesStored, lang, { stored: result.stored, keyId: result.keyId }));
        return EXIT.ok;
      }, lang);
    });
}

/** The PIN from standard input, as text for this one call; the bytes read are wiped. */
async function pinFrom(opts: TokenOptions): Promise<string> {
  if (!opts.pinStdin) throw usage('pass the PIN on standard input with --pin-stdin');
  const bytes = await readSecretFromStdin();
  const pin = Buffer.from(bytes).toString('utf8');
  bytes.fill(0);
  return pin;
}
