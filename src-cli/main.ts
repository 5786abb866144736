import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerLibraryCommands } from './commands/library.js';
import { registerTokensCommands } from './commands/tokens.js';
import { registerSigningCommands } from './commands/sign.js';
import { registerEvidenceCommands } from './commands/evidence.js';
import { registerVerifyCommands } from './commands/verify.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('inkstone')
  .description('Inkstone — contract library, PAdES signing with your own token, verification and evidence')
  .version(version)
  .showHelpAfterError();

registerLibraryCommands(program);
registerTokensCommands(program);
registerSigningCommands(program);
registerEvidenceCommands(program);
registerVerifyCommands(program);

await program.parseAsync(process.argv);
