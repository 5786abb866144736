import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { COMMANDS, isCommandName } from './command-table.js';

/**
 * `inkstone`: find the command in the arguments first, then load only the module that defines it
 * (Commander parses the rest). Without a known command (`--help`, `--version`, a typo) no command
 * module is loaded at all: the overall help and Commander's "did you mean" need only the names.
 */

/** package.json is two folders up from dist/src-cli/ and three from the bundle (dist/bundles/cli/). */
function packageVersion(): string {
  for (const rel of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'inkstone') return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}

const program = new Command('inkstone')
  .description('Inkstone — contract library, PAdES signing with your own token, verification and evidence')
  .version(packageVersion())
  .showHelpAfterError();

const args = process.argv.slice(2);
// `inkstone help sign` shows the sign command's own help, which needs its module.
const named = args[0] === 'help' ? args[1] : args[0];
if (isCommandName(named)) {
  const register = await COMMANDS[named].load();
  register(program);
} else {
  for (const [name, { description }] of Object.entries(COMMANDS)) program.command(name).description(description);
  const term = program.createHelp().subcommandTerm.bind(program.createHelp());
  program.configureHelp({
    subcommandTerm: (cmd) => (isCommandName(cmd.name()) ? `${cmd.name()} ${COMMANDS[cmd.name() as keyof typeof COMMANDS].usage}`.trim() : term(cmd)),
  });
}

await program.parseAsync(process.argv);
