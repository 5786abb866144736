// Runs `inkstone sign …` / `inkstone extend …` in a child process from the TypeScript sources
// (the real entry point reads package.json relative to the build output).
import { Command } from 'commander';
import { registerSigningCommands } from '../../src-cli/commands/sign.js';

const program = new Command('inkstone');
registerSigningCommands(program);
await program.parseAsync(process.argv);
