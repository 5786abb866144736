// Runs `inkstone draft …` in a child process from the TypeScript sources.
import { Command } from 'commander';
import { registerDraftCommands } from '../../src-cli/commands/draft.js';

const program = new Command('inkstone');
registerDraftCommands(program);
await program.parseAsync(process.argv);
