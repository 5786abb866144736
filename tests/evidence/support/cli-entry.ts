// The `inkstone evidence …` commands alone, as the CLI test runs them (the full CLI wires the same function).
import { Command } from 'commander';
import { registerEvidenceCommands } from '../../../src-cli/commands/evidence.js';

const program = new Command('inkstone');
registerEvidenceCommands(program);
await program.parseAsync(process.argv);
