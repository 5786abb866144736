import type { Command } from 'commander';
import { Library } from '../../src-main/core/library/index.js';
import { connect, connectedClient, currentConnection, fileTokenStore, runSyncPass, syncStatus, type SyncProgress } from '../../src-main/core/sync/index.js';
import { say } from '../../src-shared/i18n/index.js';
import { describe } from '../command-table.js';
import { progressBar } from '../progress.js';
import { cliLanguage, EXIT, resolveDataDir, runCommand } from '../run.js';
import { CLI_TEXT } from '../text.js';
import { readToken } from '../token-input.js';

/**
 * `inkstone sync [status|connect]` — the team library from a terminal, over the same core as the
 * app: one sync pass, where it stands, connecting a data folder to a service with a person's token
 * (kept in a 0600 file in the data folder, read from standard input, never an argument).
 */
export function registerSyncCommands(program: Command): void {
  const withLibrary = async <T>(dataDir: string | undefined, fn: (library: Library, dir: string) => Promise<T>): Promise<T> => {
    const dir = resolveDataDir(dataDir);
    const library = new Library(dir, { actor: 'cli' });
    try {
      return await fn(library, dir);
    } finally {
      library.close();
    }
  };

  const sync = program
    .command('sync')
    .description(describe('sync'))
    .option('--data-dir <dir>', 'library folder (default: the app’s data folder)')
    .option('--json', 'print {sent, received, pending, cursor, conflicts, upgraded} as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .action((opts: { dataDir?: string; json?: boolean; lang?: string }) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(
        () =>
          withLibrary(opts.dataDir, async (library, dir) => {
            const { client } = await connectedClient(library, fileTokenStore(dir));
            const bar = opts.json ? null : progressBar();
            const onProgress = (p: SyncProgress) => {
              if (p.phase === 'push')
                bar?.update(p.push.done, p.push.total, p.push.upload ? `${Math.round((100 * p.push.upload.sent) / p.push.upload.total)} %` : '');
            };
            const result = await runSyncPass(library, client, { onProgress, upgrade: { lang } }).finally(() => bar?.done());
            if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
            else process.stdout.write(`${say(CLI_TEXT.syncSummary, lang, { ...result })}\n`);
            if (!opts.json && result.upgraded) process.stdout.write(`${say(CLI_TEXT.syncUpgraded, lang, { upgraded: result.upgraded })}\n`);
            return EXIT.ok;
          }),
        lang,
      );
    });

  sync
    .command('status')
    .description('what waits to be sent, the last success or error, conflicts, and the connection')
    .option('--data-dir <dir>', 'library folder')
    .option('--json', 'print the status as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .action((_opts: unknown, cmd: Command) => {
      // The parent's options of the same names are the subcommand's too, wherever they are written.
      const opts = cmd.optsWithGlobals<{ dataDir?: string; json?: boolean; lang?: string }>();
      const lang = cliLanguage(opts.lang);
      return runCommand(
        () =>
          withLibrary(opts.dataDir, async (library) => {
            const status = { ...syncStatus(library), connection: currentConnection(library) };
            if (opts.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
            else
              process.stdout.write(
                `${say(CLI_TEXT.syncStatusLine, lang, {
                  pending: status.pending,
                  contracts: status.unsyncedContracts.length,
                  conflicts: status.conflicts,
                  lastSuccess: status.lastSuccessAt ?? '—',
                })}\n`,
              );
            return EXIT.ok;
          }),
        lang,
      );
    });

  sync
    .command('connect')
    .description('connect this library to an evidence service with your personal token (read from standard input)')
    .requiredOption('--service <url>', 'the service address, https://… (http:// only on this computer)')
    .option('--token-stdin', 'read the token from standard input (else INKSTONE_EVIDENCE_TOKEN)')
    .option('--data-dir <dir>', 'library folder')
    .option('--json', 'print the connection as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .action((_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ service: string; tokenStdin?: boolean; dataDir?: string; json?: boolean; lang?: string }>();
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const token = await readToken(opts.tokenStdin);
        return withLibrary(opts.dataDir, async (library, dir) => {
          const c = await connect(library, fileTokenStore(dir), { serviceUrl: opts.service, token });
          if (opts.json) process.stdout.write(`${JSON.stringify(c, null, 2)}\n`);
          else process.stdout.write(`${say(CLI_TEXT.syncConnected, lang, { ...c })}\n`);
          return EXIT.ok;
        });
      }, lang);
    });
}
