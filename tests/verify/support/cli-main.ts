// Runs `inkstone verify …` and its sibling commands in a child process from the TypeScript sources
// (the real entry point reads package.json relative to the build output).
import { Command } from 'commander';
import { registerVerifyCommands } from '../../../src-cli/commands/verify.js';

const program = new Command('inkstone');
registerVerifyCommands(program);
await program.parseAsync(process.argv);
