// Runs `inkstone tokens …` in a child process from the TypeScript sources (the real entry point
// reads package.json relative to the build output).
import { Command } from 'commander';
import { registerTokensCommands } from '../../src-cli/commands/tokens.js';

const program = new Command('inkstone');
registerTokensCommands(program);
await program.parseAsync(process.argv);
