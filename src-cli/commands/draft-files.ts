import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Drafts } from '../../src-main/core/drafting/index.js';
import { writeFileAtomic } from '../../src-main/core/files/index.js';
import { Library } from '../../src-main/core/library/index.js';
import type { DraftPoint } from '../../src-shared/api/index.js';
import { DOCX_MAX_BYTES } from '../../src-shared/api/index.js';
import { DOCX_LOSS_TEXT } from '../../src-shared/docx-losses.js';
import { DRAFT_TEXT } from '../../src-shared/drafting/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { say } from '../../src-shared/i18n/index.js';
import { cliLanguage, EXIT, resolveDataDir, runCommand, usage } from '../run.js';
import { CLI_TEXT } from '../text.js';

/** The typesetter, docx and mammoth load only for these commands, not for `draft new` or `versions`. */
const files = () => import('../../src-main/core/draft-files/index.js');

/** Open the library for one command and close it whatever happens. */
async function withLibrary<T>(dataDir: string | undefined, body: (library: Library, drafts: Drafts) => Promise<T>): Promise<T> {
  const library = new Library(resolveDataDir(dataDir), { actor: 'cli' });
  try {
    return await body(library, new Drafts(library));
  } finally {
    library.close();
  }
}

/** `--from 2` (a version number from `draft versions`) or `current`. */
function pointOf(drafts: Drafts, contractId: string, value: string, option: string): DraftPoint {
  if (value === 'current') return 'current';
  const number = Number(value.replace(/^v/i, ''));
  const version = drafts.versions(contractId).find((v) => v.number === number);
  if (!version) throw usage(`${option} ${value.slice(0, 20)}: no such version (see inkstone draft versions ${contractId})`);
  return { versionId: version.id };
}

/** `inkstone draft export|import|redline` — a draft's PDF, DOCX and redlines, as in the contract screen. */
export function registerDraftFileCommands(draft: Command): void {
  draft
    .command('export')
    .description('export the draft: --pdf becomes the next version of the contract’s document (empty signature fields included), --docx for Word')
    .argument('<contract-id>', 'the contract whose draft it is')
    .option('--pdf <file>', 'write the PDF here')
    .option('--docx <file>', 'write the DOCX here')
    .option('--data-dir <dir>', 'library folder')
    .option('--json', 'print {documentId, versionId, number} (PDF) or {file} (DOCX) as JSON')
    .action((contractId: string, opts: { pdf?: string; docx?: string; dataDir?: string; json?: boolean }) => {
      const lang = cliLanguage();
      return runCommand(async () => {
        if (Boolean(opts.pdf) === Boolean(opts.docx)) throw usage('give exactly one of --pdf <file> or --docx <file>');
        return withLibrary(opts.dataDir, async (library, drafts) => {
          if (opts.pdf) {
            const out = await (await files()).exportDraftPdf({ library, drafts }, contractId);
            await writeFileAtomic(opts.pdf, out.bytes);
            const fields =
              library
                .getContract(contractId)
                .documents.find((d) => d.id === out.documentId)
                ?.versions.at(-1)?.signatureFieldCount ?? 0;
            const { documentId, versionId, number } = out;
            process.stdout.write(
              opts.json
                ? `${JSON.stringify({ file: opts.pdf, documentId, versionId, number })}\n`
                : `${say(CLI_TEXT.draftPdfWritten, lang, { file: opts.pdf, number, fields })}\n`,
            );
          } else {
            const { bytes } = await (await files()).exportDraftDocx({ library, drafts }, contractId);
            await writeFileAtomic(opts.docx!, bytes);
            process.stdout.write(opts.json ? `${JSON.stringify({ file: opts.docx })}\n` : `${say(CLI_TEXT.draftDocxWritten, lang, { file: opts.docx })}\n`);
          }
          return EXIT.ok;
        });
      }, lang);
    });

  draft
    .command('import')
    .description('read a DOCX into a draft: headings and numbered paragraphs become articles; what a draft cannot hold is listed')
    .argument('<file>', 'the .docx file')
    .option('--contract <id>', 'into this contract’s draft (a new named version) instead of a new contract')
    .option('--data-dir <dir>', 'library folder')
    .option('--json', 'print {contractId, draftId, versionId, previousVersionId, lost, draft} as JSON')
    .action((file: string, opts: { contract?: string; dataDir?: string; json?: boolean }) => {
      const lang = cliLanguage();
      return runCommand(async () => {
        const bytes = await readFile(file);
        if (bytes.length > DOCX_MAX_BYTES)
          throw new InkstoneError('DOCX_LIMIT_EXCEEDED', { name: path.basename(file), limit: 'file size', max: `${DOCX_MAX_BYTES / 1048576} MB` });
        return withLibrary(opts.dataDir, async (library, drafts) => {
          const name = path.basename(file);
          // A new contract is only created once the file has been read: a bad file leaves nothing behind.
          const { importDocx } = await import('../../src-main/core/drafting-export/index.js');
          await importDocx(name, bytes);
          const contractId = opts.contract ?? library.createContract({ title: name.replace(/\.docx$/i, '') || DRAFT_TEXT.untitled[lang] }).id;
          const result = await (await files()).importDraftDocx({ library, drafts }, contractId, { name, bytes }, lang);
          if (opts.json) process.stdout.write(`${JSON.stringify({ contractId, ...result, draft: drafts.plain(contractId) }, null, 2)}\n`);
          else {
            const version = drafts.versions(contractId).find((v) => v.id === result.versionId)?.number ?? 0;
            process.stdout.write(`${say(CLI_TEXT.draftImported, lang, { contractId, version })}\n`);
            for (const loss of result.lost)
              process.stdout.write(`  ${say(CLI_TEXT.draftImportLost, lang, { what: say(DOCX_LOSS_TEXT[loss.kind], lang, { count: loss.count }) })}\n`);
          }
          return EXIT.ok;
        });
      }, lang);
    });

  draft
    .command('redline')
    .description('compare two versions of the draft: insertions, deletions and moved articles; --pdf writes the redline')
    .argument('<contract-id>', 'the contract whose draft it is')
    .requiredOption('--from <version>', 'the older version’s number (see draft versions), or current')
    .requiredOption('--to <version>', 'the newer version’s number, or current')
    .option('--pdf <file>', 'write the redline as a PDF')
    .option('--data-dir <dir>', 'library folder')
    .option('--json', 'print the redline (blocks with their changes) as JSON')
    .action((contractId: string, opts: { from: string; to: string; pdf?: string; dataDir?: string; json?: boolean }) => {
      const lang = cliLanguage();
      return runCommand(
        async () =>
          withLibrary(opts.dataDir, async (library, drafts) => {
            const from = pointOf(drafts, contractId, opts.from, '--from');
            const to = pointOf(drafts, contractId, opts.to, '--to');
            const { draftRedline, draftRedlinePdf } = await files();
            const { redline } = draftRedline({ library, drafts }, contractId, from, to);
            if (opts.pdf) {
              const names = { from: `v${opts.from}`, to: opts.to === 'current' ? opts.to : `v${opts.to}` };
              await writeFileAtomic(opts.pdf, await draftRedlinePdf({ library, drafts }, contractId, from, to, names));
            }
            if (opts.json) process.stdout.write(`${JSON.stringify(redline, null, 2)}\n`);
            else {
              process.stdout.write(`${say(CLI_TEXT.draftRedlineSummary, lang, { changes: redline.changes.length })}\n`);
              if (opts.pdf) process.stdout.write(`${say(CLI_TEXT.draftRedlineWritten, lang, { file: opts.pdf })}\n`);
            }
            return EXIT.ok;
          }),
        lang,
      );
    });
}
