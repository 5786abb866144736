import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import {
  PADES_LEVELS,
  extendDocument,
  signBatch,
  signDocument,
  type BatchOutcome,
  type BatchSignatureOptions,
  type ExtensionRecord,
  type PadesLevel,
  type SigningRecord,
} from '../../src-main/core/signing/index.js';
import { openPkcs11Signer, openPkcs12Signer, type Pin, type PinRequest, type Signer } from '../../src-main/core/tokens/index.js';
import { COMMITMENT_TYPES, readCertificateFiles, type CommitmentType } from '../../src-main/core/pki/index.js';
import { formatErrorMessage, InkstoneError } from '../../src-shared/errors/index.js';
import { say, type Language } from '../../src-shared/i18n/index.js';
import { CLI_TEXT } from '../text.js';
import { readSecretFromStdin } from '../secret-input.js';
import { cliLanguage, EXIT, resolveDataDir, runCommand, usage } from '../run.js';
import { describe } from '../command-table.js';

/**
 * `inkstone sign` (one document, or `--batch` many under one PIN entry) and `inkstone extend`.
 * The PIN or PKCS#12 password never comes from the command line: it is read from standard input
 * (`--pin-stdin`) or asked for on the terminal without echo.
 */

interface KeyOptions {
  pkcs11Module?: string;
  token?: string;
  tokenSerial?: string;
  key?: string;
  keyId?: string;
  p12?: string;
  pinStdin?: boolean;
}

interface SignOptions extends KeyOptions {
  output?: string;
  batch?: boolean;
  outDir?: string;
  level: PadesLevel;
  tsa: string[];
  digest: 'SHA-256' | 'SHA-384' | 'SHA-512';
  rsaPss?: boolean;
  seal?: string;
  page?: string;
  rect?: string;
  text: boolean;
  crossPageSeal?: boolean;
  crossPagePages?: string;
  reason?: string;
  location?: string;
  commitment?: CommitmentType;
  field?: string;
  certify?: '1' | '2' | '3';
  lockFields?: string;
  offline?: boolean;
  chainCerts: string[];
  dataDir?: string;
  json?: boolean;
  lang?: string;
}

interface ExtendOptions {
  output: string;
  level: Exclude<PadesLevel, 'B-B'>;
  tsa: string[];
  offline?: boolean;
  json?: boolean;
  lang?: string;
}

export function registerSigningCommands(program: Command): void {
  program
    .command('sign')
    .description(describe('sign'))
    .argument('<inputs...>', 'the PDF to sign; with --batch, PDFs and folders of PDFs')
    .option('-o, --output <file>', 'where the signed copy goes (a new file)')
    .option('--batch', 'sign every input under one PIN entry into --out-dir')
    .option('--out-dir <dir>', 'folder for the signed copies of a batch')
    .option('--pkcs11-module <path>', 'PKCS#11 module of the token (see `inkstone tokens list`)')
    .option('--token <label>', 'token label')
    .option('--token-serial <serial>', 'token serial number, when two tokens share a label')
    .option('--key <label>', 'label of the key (or its certificate) on the token')
    .option('--key-id <hex>', 'CKA_ID of the key on the token')
    .option('--p12 <file>', 'sign with the key in this PKCS#12 file instead of a token')
    .option('--pin-stdin', 'read the PIN (or PKCS#12 password) from standard input instead of asking')
    .addOption(new Option('--level <level>', 'PAdES level').choices(PADES_LEVELS).default('B-B'))
    .option('--tsa <url>', 'RFC 3161 timestamp server (repeat for failover)', collect, [])
    .addOption(new Option('--digest <alg>', 'digest algorithm').choices(['SHA-256', 'SHA-384', 'SHA-512']).default('SHA-256'))
    .option('--rsa-pss', 'sign with RSASSA-PSS (RSA keys)')
    .option('--seal <png>', 'seal image (PNG, transparency kept)')
    .option('--page <n>', 'page of the visible signature (1 = first)')
    .option('--rect <x,y,w,h>', 'rectangle of the visible signature in points from the lower-left corner')
    .option('--no-text', 'show the seal without the signer, time and reason')
    .option('--cross-page-seal', 'also slice the --seal image across the right edge of every page (骑缝章)')
    .option('--cross-page-pages <from-to>', 'pages the cross-page seal spans (default: all)')
    .option('--reason <text>', 'reason for signing')
    .option('--location <text>', 'where the signature was made')
    .addOption(new Option('--commitment <type>', 'commitment recorded in the signature').choices(Object.keys(COMMITMENT_TYPES)))
    .option('--field <name>', 'signature field to fill or create')
    .addOption(new Option('--certify <P>', 'certification signature: 1 no changes, 2 form filling and signing, 3 also comments').choices(['1', '2', '3']))
    .option('--lock-fields <names>', 'lock form fields when signed: "all" or comma-separated names')
    .option('--offline', 'do not fetch revocation data or issuers online (B-LT uses what the document and token carry)')
    .option('--chain-certs <file>', 'CA certificates (PEM or DER) that may complete the signer’s chain (repeat)', collect, [])
    .option('--data-dir <dir>', 'library folder whose trusted certificates also complete the chain (default: the app’s data folder)')
    .option('--json', 'print the signing record (or the batch summary) as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .action((inputs: string[], opts: SignOptions) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(() => (opts.batch ? signMany(inputs, opts, lang) : signOne(inputs, opts, lang)), lang);
    });

  program
    .command('extend')
    .description(describe('extend'))
    .argument('<input>', 'the signed PDF')
    .requiredOption('-o, --output <file>', 'where the extended copy goes (a new file)')
    .addOption(new Option('--level <level>', 'target level').choices(['B-T', 'B-LT', 'B-LTA']).makeOptionMandatory())
    .option('--tsa <url>', 'RFC 3161 timestamp server (repeat for failover)', collect, [])
    .option('--offline', 'do not fetch revocation data or issuers online')
    .option('--json', 'print what was added as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .action((input: string, opts: ExtendOptions) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const record = await extendDocument({ input, output: opts.output, level: opts.level, timestampUrls: opts.tsa, allowOnline: !opts.offline });
        process.stdout.write(opts.json ? `${JSON.stringify(record, null, 2)}\n` : describeExtension(record, lang));
      }, lang);
    });
}

async function signOne(inputs: string[], opts: SignOptions, lang: Language): Promise<number> {
  if (inputs.length !== 1) throw usage('give exactly one PDF to sign, or use --batch');
  if (!opts.output) throw usage('say where the signed copy goes with -o FILE');
  const options = await signatureOptions(opts);
  const signer = await openSigner(opts);
  try {
    const record = await signDocument({ ...options, signer, input: inputs[0], output: opts.output, ...(opts.field ? { fieldName: opts.field } : {}) });
    process.stdout.write(opts.json ? `${JSON.stringify(recordJson(record), null, 2)}\n` : describeRecord(record, lang));
    return EXIT.ok;
  } finally {
    await signer.close();
  }
}

async function signMany(inputs: string[], opts: SignOptions, lang: Language): Promise<number> {
  if (!opts.outDir) throw usage('--batch needs --out-dir DIR');
  if (opts.output) throw usage('--batch writes into --out-dir; -o is for a single document');
  if (opts.field) throw usage('--field names one field of one document; it cannot be used with --batch');
  const files = await expandInputs(inputs);
  const outDir = path.resolve(opts.outDir);
  const byName = new Map<string, string>();
  for (const file of files) {
    const other = byName.get(path.basename(file));
    if (other) throw usage(`${other} and ${file} would both be written to ${path.join(outDir, path.basename(file))}`);
    byName.set(path.basename(file), file);
  }
  const options = await signatureOptions(opts);
  const signer = await openSigner(opts);
  // The first Ctrl-C stops the batch after the document being signed; the second exits at once.
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    process.stderr.write(`\n${CLI_TEXT.signStopping[lang]}\n`);
  };
  process.on('SIGINT', onInterrupt);
  const bar = process.stderr.isTTY && !opts.json ? progressBar(files.length) : undefined;
  try {
    const result = await signBatch({
      ...options,
      signer,
      documents: files.map((input) => ({ input, output: path.join(outDir, path.basename(input)) })),
      signal: controller.signal,
      onProgress: (e) => bar?.(e.completed, e.failed, e.phase === 'started' ? path.basename(e.input) : ''),
    });
    if (bar) process.stderr.write('\n');
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify({ signed: result.signed, failed: result.failed, cancelled: result.cancelled, outcomes: result.outcomes.map(summariseOutcome) }, null, 2)}\n`,
      );
    } else {
      for (const o of result.outcomes)
        if (o.status === 'failed') process.stdout.write(`✗ ${o.input}: ${o.error.code}: ${formatErrorMessage(o.error.code, o.error.details, lang)}\n`);
      process.stdout.write(`${say(CLI_TEXT.signBatchSummary, lang, { signed: result.signed, failed: result.failed, cancelled: result.cancelled })}\n`);
      // One signer, one chain: the first signed document speaks for the batch.
      const signed = result.outcomes.find((o) => o.status === 'signed');
      if (signed) process.stdout.write(chainNote(signed.record, lang));
    }
    return result.failed + result.cancelled === 0 ? EXIT.ok : EXIT.failure;
  } finally {
    process.off('SIGINT', onInterrupt);
    await signer.close();
  }
}

/** Everything about the signature that is the same for every document. */
async function signatureOptions(opts: SignOptions): Promise<Omit<BatchSignatureOptions, 'signer'>> {
  const seal = opts.seal
    ? await readFile(opts.seal).catch((err: Error) => Promise.reject(new InkstoneError('IO_ERROR', { reason: err.message, path: opts.seal })))
    : undefined;
  if (opts.crossPageSeal && !seal) throw usage('--cross-page-seal slices the --seal image; give one');
  if (opts.crossPagePages && !opts.crossPageSeal) throw usage('--cross-page-pages goes with --cross-page-seal');
  const visible = opts.rect !== undefined || (seal !== undefined && !opts.crossPageSeal);
  if (visible && (opts.rect === undefined || opts.page === undefined)) throw usage('a visible signature needs --page N and --rect x,y,w,h');
  if (!visible && opts.page !== undefined) throw usage('--page places a visible signature; give --rect too');
  const page = opts.page === undefined ? 0 : positiveInteger(opts.page);
  const [x, y, width, height] = opts.rect === undefined ? [0, 0, 0, 0] : rectangle(opts.rect);
  const crossPages = opts.crossPagePages === undefined ? undefined : pageRange(opts.crossPagePages);
  return {
    level: opts.level,
    digestAlgorithm: opts.digest,
    ...(opts.rsaPss ? { rsaPss: true } : {}),
    timestampUrls: opts.tsa,
    allowOnline: !opts.offline,
    validationData: { certificates: await chainCandidates(opts) },
    ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
    ...(opts.location !== undefined ? { location: opts.location } : {}),
    ...(opts.commitment ? { commitment: opts.commitment } : {}),
    ...(opts.certify ? { certify: Number(opts.certify) as 1 | 2 | 3 } : {}),
    ...(opts.lockFields
      ? {
          lockFields:
            opts.lockFields === 'all' ? { action: 'All', fields: [] } : { action: 'Include', fields: opts.lockFields.split(',').map((f) => f.trim()) },
        }
      : {}),
    ...(visible
      ? { appearance: { placement: { page, x, y, width, height }, ...(seal ? { seal } : {}), showText: opts.text, language: cliLanguage(opts.lang) } }
      : {}),
    ...(opts.crossPageSeal && seal ? { crossPageSeal: { image: seal, ...(crossPages ? { firstPage: crossPages[0], lastPage: crossPages[1] } : {}) } } : {}),
  };
}

/**
 * Certificates that may complete the signer's chain: the library's trusted CAs (Settings → Trusted
 * certificates) and `--chain-certs` files. Only those on the signer's path are embedded.
 */
async function chainCandidates(opts: SignOptions): Promise<Uint8Array[]> {
  // Only the trust folder is needed from the verifier; loaded here so `inkstone sign` starts without its schemas.
  const { TRUSTED_CERTIFICATES_FOLDER, trustStoreFromFolder } = await import('../../src-main/core/verify/index.js');
  const trusted = await trustStoreFromFolder(path.join(resolveDataDir(opts.dataDir), TRUSTED_CERTIFICATES_FOLDER));
  const given = await readCertificateFiles(opts.chainCerts);
  return [...trusted.anchors, ...given].map((c) => c.der);
}

/** Open the token or PKCS#12 file; the secret comes from stdin or a no-echo prompt, never argv. */
async function openSigner(opts: KeyOptions): Promise<Signer> {
  if (Boolean(opts.p12) === Boolean(opts.pkcs11Module)) throw usage('sign with either --pkcs11-module (and --token) or --p12');
  if (opts.key && opts.keyId) throw usage('choose the key by --key or by --key-id, not both');
  if (opts.p12) {
    const password = opts.pinStdin ? await readSecretFromStdin() : await promptSecret(`Password of ${path.basename(opts.p12)}: `);
    if (password === null) throw new InkstoneError('TOKEN_USER_CANCELLED', { token: path.basename(opts.p12) });
    return openPkcs12Signer({ file: opts.p12, password });
  }
  const ask = async (request: PinRequest): Promise<Pin | null> => {
    const warning = request.finalTry ? ' (LAST TRY before the PIN locks)' : request.countLow ? ' (a wrong PIN was entered before)' : '';
    const what =
      request.purpose === 'signature' ? `PIN to sign with ${request.keyLabel ?? 'the key'} on “${request.tokenLabel}”` : `PIN of “${request.tokenLabel}”`;
    return promptSecret(`${what}${warning}: `);
  };
  return openPkcs11Signer({
    module: opts.pkcs11Module!,
    token: { ...(opts.token ? { label: opts.token } : {}), ...(opts.tokenSerial ? { serial: opts.tokenSerial } : {}) },
    key: { ...(opts.key ? { label: opts.key } : {}), ...(opts.keyId ? { id: opts.keyId } : {}) },
    ...(opts.pinStdin ? { pin: await readSecretFromStdin() } : {}),
    ...(process.stdin.isTTY ? { askPin: ask } : {}),
    onPinPad: (request) => process.stderr.write(`Enter the PIN on the keypad of “${request.tokenLabel}”…\n`),
  });
}

/** Ask on the terminal with echo off; null when the person presses Ctrl-C or Esc. */
function promptSecret(question: string): Promise<Uint8Array | null> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.reject(usage('no terminal to ask for the PIN on; pass it on standard input with --pin-stdin'));
  process.stderr.write(question);
  return new Promise((resolve) => {
    const typed: number[] = [];
    const done = (value: Uint8Array | null): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (data: Buffer): void => {
      for (const byte of data) {
        if (byte === 0x0d || byte === 0x0a) return done(Uint8Array.from(typed.splice(0)));
        if (byte === 0x03 || byte === 0x1b) return done((typed.fill(0), null));
        if (byte === 0x7f || byte === 0x08) typed.pop();
        else typed.push(byte);
      }
      data.fill(0);
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** Files given, and the PDFs directly inside folders given, in a stable order. */
async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) throw new InkstoneError('NOT_FOUND', { what: input });
    if (info.isDirectory()) {
      const names = (await readdir(input)).filter((n) => n.toLowerCase().endsWith('.pdf')).sort();
      files.push(...names.map((n) => path.resolve(input, n)));
    } else {
      files.push(path.resolve(input));
    }
  }
  if (files.length === 0) throw usage('no PDF files to sign');
  return files;
}

function progressBar(total: number): (completed: number, failed: number, current: string) => void {
  const width = 30;
  return (completed, failed, current) => {
    const filled = Math.round((completed / total) * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${completed}/${total}${failed ? ` (${failed} failed)` : ''} ${current}`;
    process.stderr.write(`\r${line.slice(0, (process.stderr.columns ?? 80) - 1).padEnd(Math.min(line.length + 10, (process.stderr.columns ?? 80) - 1))}`);
  };
}

function summariseOutcome(o: BatchOutcome): Record<string, unknown> {
  if (o.status === 'signed')
    return { status: o.status, input: o.input, output: o.output, level: o.record.level, sha256: o.record.output.sha256, chain: o.record.chain };
  if (o.status === 'failed') return { status: o.status, input: o.input, output: o.output, error: o.error };
  return { status: o.status, input: o.input, output: o.output };
}

function describeRecord(r: SigningRecord, lang: Language): string {
  const who = [r.signer.commonName ?? r.signer.subject, r.signer.organisation].filter(Boolean).join(', ');
  const time = (r.timestampTime ?? r.signingTime).toISOString();
  const record = say(CLI_TEXT.signedRecord, lang, {
    path: r.output.path,
    signer: who,
    level: r.level,
    algorithm: r.signatureAlgorithm,
    time,
    timeSource: r.timestampTime ? CLI_TEXT.timeFromTimestamp[lang] : CLI_TEXT.timeFromClock[lang],
    sha256: r.output.sha256,
  });
  return (r.signer.assurance === 'software-key' ? record + CLI_TEXT.softwareKeyNote[lang] : record) + chainNote(r, lang);
}

/** A warning when the signature carries its chain only part of the way to a root. */
function chainNote(r: SigningRecord, lang: Language): string {
  return r.chain.complete ? '' : say(CLI_TEXT.chainIncompleteNote, lang, { problem: r.chain.problem ?? '' });
}

function describeExtension(r: ExtensionRecord, lang: Language): string {
  const dss = r.dss ? `${r.dss.certificates} / ${r.dss.ocspResponses} / ${r.dss.crls}` : '—';
  return say(CLI_TEXT.extendedRecord, lang, {
    level: r.level,
    path: r.output.path,
    signatures: r.signatures.length,
    timestamps: r.documentTimestampsAdded,
    dss,
    sha256: r.output.sha256,
  });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw usage(`${value} is not a page number`);
  return n;
}

function rectangle(value: string): [number, number, number, number] {
  const parts = value.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || !parts.every(Number.isFinite)) throw usage(`--rect wants x,y,w,h in points, not "${value}"`);
  return parts as [number, number, number, number];
}

function pageRange(value: string): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(value.trim());
  if (!m) throw usage(`--cross-page-pages wants FROM-TO, not "${value}"`);
  return [Number(m[1]), Number(m[2])];
}

/** The record as JSON: the certificate as base64 DER. */
function recordJson(r: SigningRecord): unknown {
  return { ...r, signer: { ...r.signer, certificate: Buffer.from(r.signer.certificate).toString('base64') } };
}
