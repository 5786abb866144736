// Runs `inkstone library …` in a child process from the TypeScript sources.
import { Command } from 'commander';
import { registerLibraryCommands } from '../../src-cli/commands/library.js';

const program = new Command('inkstone');
registerLibraryCommands(program);
await program.parseAsync(process.argv);
