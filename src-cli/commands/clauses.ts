import type { Command } from 'commander';
import { ClauseLibrary } from '../../src-main/core/clauses/index.js';
import { Library } from '../../src-main/core/library/index.js';
import { CLAUSE_POSITIONS, ClauseInput, type ClausePosition, type ClauseSummary } from '../../src-shared/api/index.js';
import { clauseBlocksFromText } from '../../src-shared/clause-text.js';
import { isLanguage, say, type Language } from '../../src-shared/i18n/index.js';
import { describe } from '../command-table.js';
import { cliLanguage, EXIT, resolveDataDir, runCommand, usage } from '../run.js';
import { CLI_TEXT } from '../text.js';

interface FilterOptions {
  language?: string;
  position?: string;
  tag?: string;
  dataDir?: string;
  json?: boolean;
}

const POSITION_TEXT = { standard: CLI_TEXT.clausePositionStandard, fallback: CLI_TEXT.clausePositionFallback } as const;

function position(value: string | undefined): ClausePosition | undefined {
  if (value === undefined) return undefined;
  if (!(CLAUSE_POSITIONS as readonly string[]).includes(value)) throw usage(`--position must be standard or fallback, not “${value.slice(0, 20)}”`);
  return value as ClausePosition;
}
function language(value: string | undefined): Language | undefined {
  if (value === undefined) return undefined;
  if (!isLanguage(value)) throw usage(`--language must be zh-CN or en, not “${value.slice(0, 20)}”`);
  return value;
}

/** One clause library over the data folder for one command. */
async function withClauses(dataDir: string | undefined, body: (clauses: ClauseLibrary) => number): Promise<number> {
  const library = new Library(resolveDataDir(dataDir), { actor: 'cli' });
  try {
    return body(new ClauseLibrary(library));
  } finally {
    library.close();
  }
}

function printList(found: ClauseSummary[], opts: FilterOptions, lang: Language): number {
  if (opts.json) process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
  else if (!found.length) process.stdout.write(`${CLI_TEXT.clausesNone[lang]}\n`);
  else
    for (const c of found)
      process.stdout.write(
        `${say(CLI_TEXT.clauseLine, lang, { id: c.id, revision: c.revision, position: POSITION_TEXT[c.position][lang], language: c.language, title: c.title, tags: c.tags.join(', ') })}\n`,
      );
  return EXIT.ok;
}

/** `inkstone clauses list|search|show|add` — the clause library the app's editor uses. */
export function registerClausesCommands(program: Command): void {
  const clauses = program.command('clauses').description(describe('clauses'));
  const filters = (cmd: Command) =>
    cmd
      .option('--language <lang>', 'only clauses in zh-CN or en')
      .option('--position <position>', 'only standard (标准条款) or fallback (备选条款) clauses')
      .option('--tag <tag>', 'only clauses with this tag')
      .option('--data-dir <dir>', 'library folder (default: the app’s data folder)')
      .option('--json', 'print the clauses as JSON');
  const query = (opts: FilterOptions) => ({ language: language(opts.language), position: position(opts.position), tag: opts.tag });

  filters(clauses.command('list').description('list the clause library, newest first')).action((opts: FilterOptions) => {
    const lang = cliLanguage();
    return runCommand(() => withClauses(opts.dataDir, (c) => printList(c.list(query(opts)), opts, lang)), lang);
  });

  filters(
    clauses
      .command('search')
      .description('search clause titles, tags and text (Chinese by character pairs, English words by prefix), best first')
      .argument('<words...>', 'what to look for'),
  ).action((words: string[], opts: FilterOptions) => {
    const lang = cliLanguage();
    return runCommand(() => withClauses(opts.dataDir, (c) => printList(c.list({ ...query(opts), query: words.join(' ').slice(0, 200) }), opts, lang)), lang);
  });

  clauses
    .command('show')
    .description('a clause’s text, variables, revisions and where it is used')
    .argument('<id>', 'the clause')
    .option('--revision <n>', 'an earlier revision', (v: string) => Number(v))
    .option('--data-dir <dir>', 'library folder')
    .option('--json', 'print {clause, uses} as JSON')
    .action((id: string, opts: { revision?: number; dataDir?: string; json?: boolean }) => {
      const lang = cliLanguage();
      return runCommand(
        () =>
          withClauses(opts.dataDir, (c) => {
            if (opts.revision !== undefined && !(Number.isInteger(opts.revision) && opts.revision > 0)) throw usage('--revision wants a whole number from 1');
            const clause = c.get(id, opts.revision);
            const uses = c.uses(id);
            if (opts.json) {
              process.stdout.write(`${JSON.stringify({ clause, uses }, null, 2)}\n`);
              return EXIT.ok;
            }
            const lines = [
              say(CLI_TEXT.clauseLine, lang, {
                id: clause.id,
                revision: clause.revision,
                position: POSITION_TEXT[clause.position][lang],
                language: clause.language,
                title: clause.title,
                tags: clause.tags.join(', '),
              }),
              '',
              clause.text,
              '',
              say(CLI_TEXT.clauseVariables, lang, { keys: clause.variables.map((v) => `${v.key} (${v.label})`).join(', ') || '—' }),
              say(CLI_TEXT.clauseUses, lang, { count: uses.length }),
              ...uses.map((u) => `  ${u.contractTitle}  ${u.contractId}  r${u.revision}  ${u.insertedAt}`),
            ];
            process.stdout.write(`${lines.join('\n')}\n`);
            return EXIT.ok;
          }),
        lang,
      );
    });

  clauses
    .command('add')
    .description('save a clause: --text (one paragraph per line, {{key}} for a variable), optionally as an article with --heading')
    .requiredOption('--title <title>', 'the clause’s title')
    .requiredOption('--text <text>', 'its text; {{key}} marks a variable')
    .option('--heading <heading>', 'make it an article with this heading')
    .option('--tag <tag>', 'a tag (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--language <lang>', 'zh-CN or en (default: the CLI’s language)')
    .option('--position <position>', 'standard (标准条款, the default) or fallback (备选条款)')
    .option('--data-dir <dir>', 'library folder')
    .option('--json', 'print the saved clause as JSON')
    .action(
      (opts: { title: string; text: string; heading?: string; tag?: string[]; language?: string; position?: string; dataDir?: string; json?: boolean }) => {
        const lang = cliLanguage();
        return runCommand(
          () =>
            withClauses(opts.dataDir, (c) => {
              const parsed = ClauseInput.safeParse({
                title: opts.title,
                tags: opts.tag ?? [],
                language: language(opts.language) ?? lang,
                position: position(opts.position) ?? 'standard',
                blocks: clauseBlocksFromText(opts.text, opts.heading),
              });
              if (!parsed.success) throw usage(`${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
              const clause = c.add(parsed.data);
              if (opts.json) process.stdout.write(`${JSON.stringify(clause, null, 2)}\n`);
              else process.stdout.write(`${say(CLI_TEXT.clauseAdded, lang, { title: clause.title, id: clause.id })}\n`);
              return EXIT.ok;
            }),
          lang,
        );
      },
    );
}
