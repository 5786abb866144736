import type { Command } from 'commander';
import { Drafts } from '../../src-main/core/drafting/index.js';
import { Library } from '../../src-main/core/library/index.js';
import { PartyInput } from '../../src-shared/api/index.js';
import { DRAFT_TEXT } from '../../src-shared/drafting/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { isLanguage, say } from '../../src-shared/i18n/index.js';
import { describe } from '../command-table.js';
import { cliLanguage, EXIT, resolveDataDir, runCommand, usage } from '../run.js';
import { CLI_TEXT } from '../text.js';

/** `--party 甲方=北京某某科技有限公司` → a party. */
function parseParty(value: string): PartyInput {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw usage(`--party wants ROLE=NAME, got “${value.slice(0, 80)}”`);
  const parsed = PartyInput.safeParse({ role: value.slice(0, at), name: value.slice(at + 1) });
  if (!parsed.success) throw usage(`--party ${value.slice(0, 80)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** `inkstone draft new|versions` — drafts in the same library the app uses. */
export function registerDraftCommands(program: Command): void {
  const draft = program.command('draft').description(describe('draft'));

  draft
    .command('new')
    .description('start a draft: a new contract (or --contract) with a blank structured draft — title, parties, one article, signature blocks')
    .option('--title <title>', 'the contract’s title (default: 合同 / Agreement)')
    .option('--party <role=name>', 'a party, e.g. 甲方=北京某某科技有限公司 (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--contract <id>', 'draft for this existing contract instead of a new one')
    .option('--language <lang>', 'the contract’s language and numbering: zh-CN (第一条) or en (1. / 1.1)')
    .option('--template <name>', 'start from a template')
    .option('--data-dir <dir>', 'library folder (default: the app’s data folder)')
    .option('--json', 'print {contractId, draftId, language, draft} (the plain form) as JSON')
    .action((opts: { title?: string; party?: string[]; contract?: string; language?: string; template?: string; dataDir?: string; json?: boolean }) => {
      const lang = cliLanguage();
      return runCommand(async () => {
        if (opts.language !== undefined && !isLanguage(opts.language)) throw usage(`--language must be zh-CN or en, not “${opts.language.slice(0, 20)}”`);
        const language = isLanguage(opts.language) ? opts.language : lang;
        // No template gallery yet: a named template cannot be found (the templates work adds them).
        if (opts.template !== undefined) throw new InkstoneError('DRAFT_TEMPLATE_NOT_FOUND', { name: opts.template.slice(0, 100) });
        if (opts.contract && (opts.title || opts.party)) throw usage('--contract drafts an existing contract: --title and --party belong to a new one');
        const library = new Library(resolveDataDir(opts.dataDir), { actor: 'cli' });
        try {
          const contractId =
            opts.contract ??
            library.createContract({ title: opts.title?.trim() || DRAFT_TEXT.untitled[language] }, { parties: (opts.party ?? []).map(parseParty) }).id;
          const drafts = new Drafts(library);
          const session = drafts.create(contractId, language);
          const plain = drafts.plain(contractId);
          if (opts.json) process.stdout.write(`${JSON.stringify({ contractId, draftId: session.draftId, language, draft: plain }, null, 2)}\n`);
          else process.stdout.write(`${say(CLI_TEXT.draftCreated, lang, { title: plain.title, contractId })}\n`);
          return EXIT.ok;
        } finally {
          library.close();
        }
      }, lang);
    });

  draft
    .command('versions')
    .description('list a draft’s versions: named ones and automatic ones')
    .argument('<contract-id>', 'the contract whose draft it is')
    .option('--data-dir <dir>', 'library folder')
    .option('--json', 'print [{id, number, name, kind, createdAt}] as JSON')
    .action((contractId: string, opts: { dataDir?: string; json?: boolean }) => {
      const lang = cliLanguage();
      return runCommand(async () => {
        const library = new Library(resolveDataDir(opts.dataDir), { actor: 'cli' });
        try {
          const versions = new Drafts(library).versions(contractId);
          if (opts.json) process.stdout.write(`${JSON.stringify(versions, null, 2)}\n`);
          else
            for (const v of versions)
              process.stdout.write(
                `${say(CLI_TEXT.draftVersionLine, lang, { number: v.number, name: v.kind === 'named' ? v.name : CLI_TEXT.draftAutomatic[lang], at: v.createdAt })}\n`,
              );
          return EXIT.ok;
        } finally {
          library.close();
        }
      }, lang);
    });
}
