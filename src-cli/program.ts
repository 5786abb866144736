import { LANGUAGES } from '../src-shared/i18n/index.js';
import { Command, Option } from 'commander';
import { registerLibraryCommands } from './commands/library.js';
import { registerTokensCommands } from './commands/tokens.js';
import { registerSigningCommands } from './commands/sign.js';
import { registerEvidenceCommands } from './commands/evidence.js';
import { registerVerifyCommands } from './commands/verify.js';

/** The `inkstone` command with every subcommand and the global options. */
export function buildProgram(version: string): Command {
  const program = new Command('inkstone')
    .description('Inkstone — contract library, PAdES signing with your own token, verification and evidence')
    .version(version)
    .addOption(new Option('--lang <lang>', 'language of messages (default: the system’s)').choices(LANGUAGES))
    .showHelpAfterError()
    // Every command asks cliLanguage(); a global --lang answers it for all of them.
    .hook('preAction', (command) => {
      const lang = command.opts<{ lang?: string }>().lang;
      if (lang) process.env.INKSTONE_LANG = lang;
    });

  registerLibraryCommands(program);
  registerTokensCommands(program);
  registerSigningCommands(program);
  registerEvidenceCommands(program);
  registerVerifyCommands(program);
  return program;
}
