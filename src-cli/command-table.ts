import type { Command } from 'commander';

/**
 * Every top-level command of `inkstone`, what it does, and the module that defines it. main.ts reads
 * the command name from the arguments and imports only that module, so `inkstone --help` loads no
 * PDF, PKI or database code and `inkstone verify` loads no signing code. The descriptions and
 * argument summaries (`usage`) live here, not in the modules, so the overall help can list every
 * command without loading any of them (tests/cli/lazy-commands.test.ts keeps them in step).
 */
type Register = (program: Command) => void;

const library = async (): Promise<Register> => (await import('./commands/library.js')).registerLibraryCommands;
const tokens = async (): Promise<Register> => (await import('./commands/tokens.js')).registerTokensCommands;
const signing = async (): Promise<Register> => (await import('./commands/sign.js')).registerSigningCommands;
const evidence = async (): Promise<Register> => (await import('./commands/evidence.js')).registerEvidenceCommands;
const verify = async (): Promise<Register> => (await import('./commands/verify.js')).registerVerifyCommands;
// The organisation and its seals (issue 9)
const seals = async (): Promise<Register> => (await import('./commands/seals.js')).registerSealsCommands;
const contract = async (): Promise<Register> => (await import('./commands/contract.js')).registerContractCommands;

const draft = async (): Promise<Register> => (await import('./commands/draft.js')).registerDraftCommands;
// clause library (issue 10)
const clauses = async (): Promise<Register> => (await import('./commands/clauses.js')).registerClausesCommands;
// sync (issue 11)
const sync = async (): Promise<Register> => (await import('./commands/sync.js')).registerSyncCommands;

export const COMMANDS = {
  library: { usage: '', description: 'the contract library (import, search)', load: library },
  contract: {
    usage: '',
    description: 'sign a contract’s document in the library (the signed copy becomes its next version); list its versions',
    load: contract,
  },
  // --- drafting (issue 10) ---
  draft: {
    usage: '',
    description: 'drafts: start one for a new or existing contract, list its versions, export PDF/DOCX, import DOCX, redline two versions',
    load: draft,
  },
  clauses: { usage: '', description: 'the clause library: list, search, show and add reusable clauses (each edit a new revision)', load: clauses },
  tokens: { usage: '', description: 'signing tokens (USB keys, smart cards) reached through PKCS#11', load: tokens },
  sign: { usage: '[options] <inputs...>', description: 'sign PDFs (PAdES B-B to B-LTA) with a key on a PKCS#11 token or in a PKCS#12 file', load: signing },
  extend: { usage: '[options] <input>', description: 'raise a signed PDF to B-T, B-LT or B-LTA, keeping every existing signature valid', load: signing },
  evidence: { usage: '', description: 'evidence preservation: submit documents to an evidence log, verify receipts offline', load: evidence },
  verify: {
    usage: '[options] <file>',
    description: 'verify every signature and document timestamp of a PDF: integrity, changes after signing, attacks, trust, time, PAdES level',
    load: verify,
  },
  'signed-version': {
    usage: '[options] <file> <n>',
    description: 'write the exact version of the document a signature covers (what was really signed)',
    load: verify,
  },
  'check-before-signing': {
    usage: '[options] <file>',
    description: 'before adding a signature: look for hidden or unused content and overlays that a later update could reveal',
    load: verify,
  },
  sync: {
    usage: '[options]',
    description: 'sync the library with the team’s evidence service: send what changed here, receive the others’ changes (also: sync status, sync connect)',
    load: sync,
  },
  trust: {
    usage: '',
    description: 'the CA certificates the library trusts for verification (as in Settings → Trusted certificates); nothing else is trusted',
    load: verify,
  },
  seals: { usage: '', description: 'the organisation profile and its seal library: company seals and signatures (as in the app’s Seals screen)', load: seals },
} as const satisfies Record<string, { usage: string; description: string; load: () => Promise<Register> }>;

export type CommandName = keyof typeof COMMANDS;

export const isCommandName = (name: string | undefined): name is CommandName => name !== undefined && Object.hasOwn(COMMANDS, name);

/** The description of a top-level command, for its module's `.description(…)`. */
export const describe = (name: CommandName): string => COMMANDS[name].description;
