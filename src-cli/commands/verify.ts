import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { writeFileAtomic } from '../../src-main/core/files/index.js';
import { TrustStore } from '../../src-main/core/pki/index.js';
import { checkBeforeSigning, describeResult, extractSignedVersion, renderVerificationReport, verifyPdf } from '../../src-main/core/verify/index.js';
import type { VerificationResult } from '../../src-shared/api/verification.js';
import { cliLanguage, EXIT, runCommand, usage } from '../run.js';

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
}

const VERDICT_EXIT: Record<VerificationResult['verdict'], number> = { valid: 0, invalid: 1, indeterminate: 2 };

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function trustStoreOf(files: readonly string[]): Promise<TrustStore> {
  return files.length ? TrustStore.fromFiles(files) : new TrustStore();
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
    .addOption(new Option('--lang <lang>', 'language of the result and report').choices(['zh-CN', 'en']))
    .option('--trust <pem>', 'trust the CA certificates in this PEM or DER file (repeat); nothing is trusted otherwise', collect, [])
    .option('--online', 'ask OCSP responders and CRL servers (off by default: only data in the document is used)')
    .action((file: string, opts: VerifyCliOptions) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        if (opts.report && existsSync(opts.report)) throw usage(`${opts.report} already exists; the report is written to a new file`);
        const result = await verifyPdf(file, { lang, online: opts.online ?? false, trustStore: await trustStoreOf(opts.trust), name: path.basename(file) });
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
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh-CN', 'en']))
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
    .addOption(new Option('--lang <lang>', 'language of the findings').choices(['zh-CN', 'en']))
    .option('--trust <pem>', 'trusted CA certificates for the signatures already there (repeat)', collect, [])
    .option('--online', 'check revocation of existing signatures online')
    .action((file: string, opts: VerifyCliOptions) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const check = await checkBeforeSigning(file, { lang, online: opts.online ?? false, trustStore: await trustStoreOf(opts.trust), name: path.basename(file) });
        if (opts.json) process.stdout.write(`${JSON.stringify({ clean: check.clean, findings: check.findings, unusedContentObjects: check.unusedContentObjects, verdict: check.verification.verdict }, null, 2)}\n`);
        else for (const f of check.findings) process.stdout.write(`${check.clean ? '✓' : '⚠'} ${f.text}\n`);
        return check.clean ? EXIT.ok : 1;
      }, lang);
    });
}
