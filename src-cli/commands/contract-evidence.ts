import type { Command } from 'commander';
import { writeFileAtomic } from '../../src-main/core/files/index.js';
import { Library } from '../../src-main/core/library/index.js';
import { contractEvidence, evidenceCertificate } from '../../src-main/core/sync/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { isLanguage, say } from '../../src-shared/i18n/index.js';
import { cliLanguage, EXIT, resolveDataDir, runCommand, usage } from '../run.js';
import { CLI_TEXT } from '../text.js';

/**
 * `inkstone contract evidence <contract-id>`: the receipts of a contract's signed versions, each
 * verified again here with no network (the same core the Evidence tab reads), and `--certificate`
 * to write a version's evidence certificate (出证报告). Exits 3 when a held receipt does not verify.
 */
export function registerContractEvidenceCommand(contract: Command): void {
  contract
    .command('evidence')
    .description('the evidence receipts of a contract’s signed versions, verified offline; --certificate writes the 出证报告')
    .argument('<contract-id>', 'the contract')
    .option('--certificate <file>', 'write the evidence certificate (PDF) of a version’s receipt')
    .option('--version-id <id>', 'which version for --certificate (default: the latest with a receipt)')
    .option('--certificate-lang <lang>', 'language of the certificate: zh-CN or en (default: --lang)')
    .option('--data-dir <dir>', 'library folder')
    .option('--json', 'print the receipts and their verification as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .action(
      (contractId: string, opts: { certificate?: string; versionId?: string; certificateLang?: string; dataDir?: string; json?: boolean; lang?: string }) => {
        const lang = cliLanguage(opts.lang);
        return runCommand(async () => {
          if (opts.certificateLang !== undefined && !isLanguage(opts.certificateLang)) throw usage('--certificate-lang must be zh-CN or en');
          const library = new Library(resolveDataDir(opts.dataDir), { actor: 'cli' });
          try {
            const evidence = await contractEvidence(library, contractId);
            if (opts.certificate) {
              const held = evidence.versions.filter((v) => v.state === 'received');
              const versionId = opts.versionId ?? held[held.length - 1]?.versionId;
              if (!versionId) throw new InkstoneError('SYNC_RECEIPT_NOT_HELD', { versionId: contractId });
              const cert = await evidenceCertificate(library, versionId, isLanguage(opts.certificateLang) ? opts.certificateLang : lang);
              await writeFileAtomic(opts.certificate, cert.bytes, { overwrite: true });
            }
            if (opts.json) process.stdout.write(`${JSON.stringify(evidence, null, 2)}\n`);
            else
              for (const v of evidence.versions) {
                const check = v.verification;
                const verdict = !check
                  ? ''
                  : check.ok
                    ? ` · ${say(CLI_TEXT.evidenceReceiptVerified, lang, { time: check.existedNoLaterThan ?? '—' })}`
                    : ` · ${say(CLI_TEXT.evidenceReceiptFailed, lang, { check: check.failure?.check ?? '', code: check.failure?.code ?? '' })}`;
                process.stdout.write(
                  `${say(CLI_TEXT.contractEvidenceLine, lang, {
                    name: v.documentName,
                    n: v.versionNumber,
                    state: say(CLI_TEXT[`evidenceState.${v.state}`], lang),
                    number: v.evidenceNumber ? ` · ${v.evidenceNumber}` : '',
                    verdict,
                  })}\n`,
                );
              }
            if (opts.certificate && !opts.json) process.stdout.write(`${opts.certificate}\n`);
            return evidence.versions.some((v) => v.verification && !v.verification.ok) ? EXIT.failure : EXIT.ok;
          } finally {
            library.close();
          }
        }, lang);
      },
    );
}
