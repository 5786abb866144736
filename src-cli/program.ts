import { Command, Option } from 'commander';
import { LANGUAGES } from '../src-shared/i18n/index.js';
import { COMMANDS, isCommandName } from './command-table.js';

/**
 * The `inkstone` command for these arguments: the global options, and only the module of the
 * command being run (Commander parses the rest). Without a known command (`--help`, `--version`, a
 * typo) no command module is loaded at all: the overall help and "did you mean" need only the names.
 */
export async function buildProgram(version: string, args: readonly string[] = process.argv.slice(2)): Promise<Command> {
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

  // The command is the first argument that is not a global option (`--lang zh-CN tokens list`);
  // `inkstone help sign` shows the sign command's own help, which needs its module.
  const rest = args[0] === '--lang' ? args.slice(2) : args[0]?.startsWith('--lang=') ? args.slice(1) : args;
  const named = rest[0] === 'help' ? rest[1] : rest[0];
  if (isCommandName(named)) {
    const register = await COMMANDS[named].load();
    register(program);
  } else {
    for (const [name, { description }] of Object.entries(COMMANDS)) program.command(name).description(description);
    const help = program.createHelp();
    const term = help.subcommandTerm.bind(help);
    program.configureHelp({
      subcommandTerm: (cmd) => (isCommandName(cmd.name()) ? `${cmd.name()} ${COMMANDS[cmd.name() as keyof typeof COMMANDS].usage}`.trim() : term(cmd)),
    });
  }
  return program;
}
