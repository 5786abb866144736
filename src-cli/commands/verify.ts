import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { writeFileAtomic } from '../../src-main/core/files/index.js';
import { TrustStore } from '../../src-main/core/pki/index.js';
import {
  checkBeforeSigning,
  describeResult,
  extractSignedVersion,
  importTrustedCertificates,
  listTrustedCertificates,
  removeTrustedCertificate,
  renderVerificationReport,
  TRUSTED_CERTIFICATES_FOLDER,
  trustStoreFromFolder,
  verifyPdf,
} from '../../src-main/core/verify/index.js';
import { LANGUAGES } from '../../src-shared/i18n/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { VerificationResult } from '../../src-shared/api/verification.js';
import { cliLanguage, EXIT, resolveDataDir, runCommand, usage } from '../run.js';

/**
 * `inkstone verify` (a signed PDF's verdict, as text, JSON or a PDF report), `inkstone
 * signed-version` (the exact bytes a signature covers) and `inkstone check-before-signing` (warn
 * before co-signing). Exit codes of `verify`: 0 valid, 1 invalid, 2 indeterminate, 3 a file that
 * cannot be read, 64 usage.
 */

interface VerifyCliOptions {
  json?: boolean;
  report?: string;
  lang?: string;
  trust: string[];
  online?: boolean;
  libraryTrust?: boolean;
  dataDir?: string;
}

const VERDICT_EXIT: Record<VerificationResult['verdict'], number> = { valid: 0, invalid: 1, indeterminate: 2 };

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The library's trusted certificates (what the app's Settings → Trusted certificates shows). */
const libraryTrustFolder = (dataDir?: string) => path.join(resolveDataDir(dataDir), TRUSTED_CERTIFICATES_FOLDER);

/** `--trust` files, plus the library's trusted certificates with `--library-trust`; nothing otherwise. */
async function trustStoreOf(files: readonly string[], library?: { dataDir?: string }): Promise<TrustStore> {
  const store = files.length ? await TrustStore.fromFiles(files) : new TrustStore();
  if (library) for (const anchor of (await trustStoreFromFolder(libraryTrustFolder(library.dataDir))).anchors) store.add(anchor);
  return store;
}

/** Commander's own usage errors (missing argument, bad choice) exit with the usage code, not 1 (which means "invalid"). */
function usageExit(err: { exitCode: number }): never {
  process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
}

export function registerVerifyCommands(program: Command): void {
  program
    .command('verify')
    .exitOverride(usageExit)
    .description('verify every signature and document timestamp of a PDF: integrity, changes after signing, attacks, trust, time, PAdES level')
    .argument('<file>', 'the signed PDF')
    .option('--json', 'print the full result as JSON (schema inkstone.verification/1)')
    .option('--report <pdf>', 'also write a PDF report (技术报告) to this new file')
    .addOption(new Option('--lang <lang>', 'language of the result and report').choices(LANGUAGES))
    .option('--trust <pem>', 'trust the CA certificates in this PEM or DER file (repeat); nothing is trusted otherwise', collect, [])
    .option('--library-trust', 'also trust the CA certificates trusted in the library (`inkstone trust list`)')
    .option('--data-dir <dir>', 'library folder for --library-trust (default: the app’s data folder)')
    .option('--online', 'ask OCSP responders and CRL servers (off by default: only data in the document is used)')
    .action((file: string, opts: VerifyCliOptions) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        if (opts.report && existsSync(opts.report)) throw usage(`${opts.report} already exists; the report is written to a new file`);
        const trustStore = await trustStoreOf(opts.trust, opts.libraryTrust ? { dataDir: opts.dataDir } : undefined);
        const result = await verifyPdf(file, { lang, online: opts.online ?? false, trustStore, name: path.basename(file) });
        if (opts.report) await writeFileAtomic(opts.report, await renderVerificationReport(result));
        process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : describeResult(result));
        return VERDICT_EXIT[result.verdict];
      }, lang);
    });

  program
    .command('signed-version')
    .exitOverride(usageExit)
    .description('write the exact version of the document a signature covers (what was really signed)')
    .argument('<file>', 'the signed PDF')
    .argument('<n>', 'the signature, 1 = the oldest (as numbered by `inkstone verify`)')
    .requiredOption('-o, --output <pdf>', 'where the signed version goes (a new file)')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(LANGUAGES))
    .action((file: string, n: string, opts: { output: string; lang?: string }) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const index = Number(n);
        if (!Number.isInteger(index) || index < 1) throw usage('the signature number is 1, 2, …');
        const version = await extractSignedVersion(file, index, opts.output);
        process.stdout.write(`${opts.output}: signature ${version.index} "${version.fieldName}", revision ${version.revision}, ${version.bytes} bytes\n`);
        return EXIT.ok;
      }, lang);
    });

  program
    .command('check-before-signing')
    .exitOverride(usageExit)
    .description('before adding a signature: look for hidden or unused content and overlays that a later update could reveal')
    .argument('<file>', 'the PDF about to be signed')
    .option('--json', 'print the findings as JSON')
    .addOption(new Option('--lang <lang>', 'language of the findings').choices(LANGUAGES))
    .option('--trust <pem>', 'trusted CA certificates for the signatures already there (repeat)', collect, [])
    .option('--online', 'check revocation of existing signatures online')
    .action((file: string, opts: VerifyCliOptions) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const check = await checkBeforeSigning(file, {
          lang,
          online: opts.online ?? false,
          trustStore: await trustStoreOf(opts.trust),
          name: path.basename(file),
        });
        if (opts.json)
          process.stdout.write(
            `${JSON.stringify({ clean: check.clean, findings: check.findings, unusedContentObjects: check.unusedContentObjects, verdict: check.verification.verdict }, null, 2)}\n`,
          );
        else for (const f of check.findings) process.stdout.write(`${check.clean ? '✓' : '⚠'} ${f.text}\n`);
        return check.clean ? EXIT.ok : 1;
      }, lang);
    });

  const trust = program
    .command('trust')
    .description('the CA certificates the library trusts for verification (as in Settings → Trusted certificates); nothing else is trusted');
  const dataDirOption = ['--data-dir <dir>', 'library folder (default: the app’s data folder)'] as const;
  const show = (c: { subject: string; sha256: string; notBefore: string; notAfter: string }) =>
    `${c.sha256}  ${c.notBefore.slice(0, 10)} … ${c.notAfter.slice(0, 10)}  ${c.subject}\n`;

  trust
    .command('list')
    .description('list trusted CA certificates: SHA-256 fingerprint, validity, subject')
    .option(...dataDirOption)
    .option('--json', 'print them as JSON')
    .action((opts: { dataDir?: string; json?: boolean }) =>
      runCommand(async () => {
        const certificates = await listTrustedCertificates(libraryTrustFolder(opts.dataDir));
        process.stdout.write(opts.json ? `${JSON.stringify(certificates, null, 2)}\n` : certificates.map(show).join('') || 'no trusted certificates\n');
        return EXIT.ok;
      }),
    );

  trust
    .command('import')
    .description('trust the CA certificates in PEM or DER files (only CA certificates; all or nothing per file)')
    .argument('<file...>', 'certificate files')
    .option(...dataDirOption)
    .addOption(new Option('--lang <lang>', 'language of messages').choices(LANGUAGES))
    .action((files: string[], opts: { dataDir?: string; lang?: string }) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        for (const file of files) {
          const bytes = await readFile(file).catch((err: unknown) => {
            throw new InkstoneError('VERIFY_TRUST_NOT_A_CERTIFICATE', { name: file, reason: (err as Error).message });
          });
          for (const c of await importTrustedCertificates(libraryTrustFolder(opts.dataDir), bytes, path.basename(file))) process.stdout.write(`+ ${show(c)}`);
        }
        return EXIT.ok;
      }, lang);
    });

  trust
    .command('remove')
    .description('stop trusting the certificate with this SHA-256 fingerprint')
    .argument('<sha256>', 'fingerprint as `inkstone trust list` prints it')
    .option(...dataDirOption)
    .addOption(new Option('--lang <lang>', 'language of messages').choices(LANGUAGES))
    .action((sha256: string, opts: { dataDir?: string; lang?: string }) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const fingerprint = sha256.toLowerCase().replace(/:/g, '');
        if (!/^[0-9a-f]{64}$/.test(fingerprint)) throw usage('the fingerprint is 64 hexadecimal digits (colons allowed)');
        if (!(await removeTrustedCertificate(libraryTrustFolder(opts.dataDir), fingerprint)))
          throw new InkstoneError('VERIFY_TRUST_NOT_FOUND', { sha256: fingerprint });
        process.stdout.write(`- ${fingerprint}\n`);
        return EXIT.ok;
      }, lang);
    });
}
