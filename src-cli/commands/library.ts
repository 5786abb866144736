import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { importFiles, Library } from '../../src-main/core/library/index.js';
import { formatErrorMessage, isErrorCode } from '../../src-shared/errors/index.js';
import type { SearchHit, SearchSnippet } from '../../src-shared/api/index.js';
import { say } from '../../src-shared/i18n/index.js';
import { progressBar } from '../progress.js';
import { CLI_TEXT } from '../text.js';
import { cliLanguage, EXIT, resolveDataDir, runCommand } from '../run.js';
import { describe } from '../command-table.js';

/** `inkstone library import|search` — the same library the app uses, from a terminal. */
export function registerLibraryCommands(program: Command): void {
  const library = program.command('library').description(describe('library'));

  library
    .command('import')
    .description('import PDF files into the library, one contract per file')
    .argument('<pdf...>', 'PDF files')
    .option('--data-dir <dir>', 'library folder (default: the app’s data folder)')
    .option('--json', 'print the outcomes as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .action((files: string[], opts: { dataDir?: string; json?: boolean; lang?: string }) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const lib = new Library(resolveDataDir(opts.dataDir), { actor: 'cli' });
        try {
          const incoming = [];
          for (const f of files) incoming.push({ name: path.basename(f), bytes: await readFile(f).catch(() => new Uint8Array()) });
          // A bar on a terminal while files are read, then one summary line and a line per failure.
          const bar = progressBar();
          const outcomes = await importFiles(lib, incoming, { onProgress: (done, total, name) => bar.update(done, total, name) }).finally(() => bar.done());
          if (opts.json) process.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
          else {
            for (const o of outcomes) {
              if (o.ok) continue;
              const text = isErrorCode(o.error.code) ? formatErrorMessage(o.error.code, o.error.details, lang) : o.error.message;
              process.stdout.write(`✗ ${o.name}: ${o.error.code}: ${text}\n`);
            }
            const imported = outcomes.filter((o) => o.ok && !o.duplicateOf).length;
            const duplicates = outcomes.filter((o) => o.ok && o.duplicateOf).length;
            process.stdout.write(`${say(CLI_TEXT.importSummary, lang, { imported, duplicates, failed: outcomes.length - imported - duplicates })}\n`);
          }
          return outcomes.every((o) => o.ok) ? EXIT.ok : EXIT.failure;
        } finally {
          lib.close();
        }
      }, lang);
    });

  library
    .command('search')
    .description('full-text search over titles, parties, tags, notes and document text; each hit with the text that matched')
    .argument('<query>', 'words to find (Chinese or English)')
    .option('--data-dir <dir>', 'library folder')
    .option('--json', 'print [{id, title, status, parties, score, snippet}] as JSON')
    .option('--limit <n>', 'at most this many results', '50')
    .option('--all', 'every match, ranked together (otherwise the newest 1,000 matches are ranked)')
    .action((query: string, opts: { dataDir?: string; json?: boolean; limit: string; all?: boolean }) =>
      runCommand(async () => {
        const lib = new Library(resolveDataDir(opts.dataDir), { actor: 'cli' });
        try {
          const wanted = opts.all ? Infinity : Math.max(1, Math.min(500, Number(opts.limit) || 50));
          const hits: SearchHit[] = [];
          let result;
          do {
            result = lib.search({ text: query, snippets: true, all: opts.all ?? false, offset: hits.length, limit: Math.min(500, wanted - hits.length) });
            hits.push(...result.hits);
          } while (opts.all && result.hits.length && hits.length < result.total);
          const rows = hits.map((h) => ({
            id: h.id,
            title: h.title,
            status: h.status,
            parties: h.parties,
            score: Number(h.score.toFixed(4)),
            snippet: h.snippet ?? null,
          }));
          if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          else {
            const tty = process.stdout.isTTY === true;
            for (const r of rows) {
              process.stdout.write(`${r.id}  ${r.status.padEnd(10)}  ${r.title}${r.parties.length ? `  (${r.parties.join(', ')})` : ''}\n`);
              if (r.snippet) process.stdout.write(`    ${markSnippet(r.snippet, tty)}\n`);
            }
            process.stdout.write(`${result.total}${result.totalIsExact ? '' : '+'} found\n`);
          }
        } finally {
          lib.close();
        }
      }),
    );
}

/** A snippet for a terminal: matches in reverse video, or in 【】 when the output is not a terminal. */
export function markSnippet(snippet: SearchSnippet, tty: boolean): string {
  const [open, close] = tty ? ['\x1b[7m', '\x1b[27m'] : ['【', '】'];
  let out = '';
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    out += `${snippet.text.slice(at, start)}${open}${snippet.text.slice(start, end)}${close}`;
    at = end;
  }
  return out + snippet.text.slice(at);
}
