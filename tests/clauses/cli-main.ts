// Runs `inkstone clauses …` in a child process from the TypeScript sources.
import { Command } from 'commander';
import { registerClausesCommands } from '../../src-cli/commands/clauses.js';

const program = new Command('inkstone');
registerClausesCommands(program);
await program.parseAsync(process.argv);
