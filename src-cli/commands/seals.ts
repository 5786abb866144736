import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { openDatabase } from '../../src-main/core/db/index.js';
import { organisationProfile, SealLibrary, updateOrganisationProfile } from '../../src-main/core/seals/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { SEAL_TYPES, SealType, type Seal } from '../../src-shared/api/index.js';
import { say } from '../../src-shared/i18n/index.js';
import { describe } from '../command-table.js';
import { cliLanguage, resolveDataDir, runCommand, usage } from '../run.js';
import { CLI_TEXT } from '../text.js';

/** `inkstone seals list|import|generate|disable|organisation` — the app's seal library, from a terminal. */

interface Common {
  dataDir?: string;
  json?: boolean;
  lang?: string;
}

/** Open the data folder's seal library for one command, closing the database afterwards. */
function withSeals(opts: Common, body: (seals: SealLibrary) => Promise<unknown>): Promise<never> {
  const lang = cliLanguage(opts.lang);
  return runCommand(async () => {
    const dataDir = resolveDataDir(opts.dataDir);
    const db = openDatabase(path.join(dataDir, 'library.sqlite'));
    try {
      const value = await body(new SealLibrary(db, dataDir, 'cli'));
      if (opts.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    } finally {
      db.close();
    }
  }, lang);
}

/** One line per seal: id, state, what it is, its name. The preview (a data: URL) is left to --json. */
function printSeal(seal: Seal, lang: ReturnType<typeof cliLanguage>): void {
  const state = seal.disabledAt ? say(CLI_TEXT.sealDisabled, lang) : say(CLI_TEXT.sealActive, lang);
  process.stdout.write(`${seal.id}  ${state}  ${seal.category}/${seal.origin}  ${seal.name}  ${seal.widthMm}×${seal.heightMm} mm\n`);
}

const common = (cmd: Command) =>
  cmd
    .option('--data-dir <dir>', 'library folder (default: the app’s data folder)')
    .option('--json', 'print the result as JSON')
    .option('--lang <lang>', 'zh-CN or en');

export function registerSealsCommands(program: Command): void {
  const seals = program.command('seals').description(describe('seals'));

  common(seals.command('list').description('company seals and signatures, newest first').option('--all', 'include disabled seals')).action(
    (opts: Common & { all?: boolean }) =>
      withSeals(opts, async (lib) => {
        const list = await lib.list({ includeDisabled: opts.all ?? false });
        if (!opts.json) list.forEach((s) => printSeal(s, cliLanguage(opts.lang)));
        return list;
      }),
  );

  common(
    seals
      .command('import')
      .description('import a PNG or SVG seal (white made transparent; SVG scripts and links refused)')
      .argument('<file>', 'PNG or SVG file')
      .option('--name <name>', 'what to call it (default: the file name)')
      .option('--signature', 'a personal signature rather than a company seal'),
  ).action((file: string, opts: Common & { name?: string; signature?: boolean }) =>
    withSeals(opts, async (lib) => {
      const bytes = await readFile(file).catch((err: Error) => Promise.reject(new InkstoneError('IO_ERROR', { reason: err.message, path: file })));
      const name = opts.name ?? path.basename(file).replace(/\.(png|svg)$/i, '');
      const seal = await lib.importFile({ name, fileName: path.basename(file), bytes, category: opts.signature ? 'signature' : 'seal' });
      if (!opts.json) printSeal(seal, cliLanguage(opts.lang));
      return seal;
    }),
  );

  common(
    seals
      .command('generate')
      .description('generate the round company seal from the organisation profile')
      .requiredOption('--type <type>', `the seal's kind: ${SEAL_TYPES.join(', ')}`)
      .option('--name <name>', 'what to call it (default: the kind)'),
  ).action((opts: Common & { type: string; name?: string }) =>
    withSeals(opts, async (lib) => {
      const type = SealType.safeParse(opts.type);
      if (!type.success) throw usage(`--type must be one of ${SEAL_TYPES.join(', ')}`);
      const seal = await lib.generate({ sealType: type.data, ...(opts.name ? { name: opts.name } : {}) });
      if (!opts.json) printSeal(seal, cliLanguage(opts.lang));
      return seal;
    }),
  );

  common(seals.command('disable').description('stop a seal being stamped (it and its history are kept)').argument('<id>', 'seal id')).action(
    (id: string, opts: Common) =>
      withSeals(opts, async (lib) => {
        const seal = await lib.disable(id);
        if (!opts.json) printSeal(seal, cliLanguage(opts.lang));
        return seal;
      }),
  );

  common(
    seals
      .command('organisation')
      .description('show the organisation profile, or set it with the options (the credit code is checked)')
      .option('--legal-name <name>', 'legal name, as cut into the seal')
      .option('--credit-code <code>', '统一社会信用代码')
      .option('--legal-representative <name>', 'legal representative')
      .option('--address <address>', 'registered address'),
  ).action((opts: Common & { legalName?: string; creditCode?: string; legalRepresentative?: string; address?: string }) =>
    withSeals(opts, async (lib) => {
      const current = organisationProfile(lib.db);
      const changes = { legalName: opts.legalName, creditCode: opts.creditCode, legalRepresentative: opts.legalRepresentative, address: opts.address };
      const setting = Object.values(changes).some((v) => v !== undefined);
      const profile = setting
        ? updateOrganisationProfile(lib.db, 'cli', {
            legalName: changes.legalName ?? current?.legalName ?? '',
            creditCode: changes.creditCode ?? current?.creditCode ?? '',
            legalRepresentative: changes.legalRepresentative ?? current?.legalRepresentative ?? '',
            address: changes.address ?? current?.address ?? '',
          })
        : current;
      if (!opts.json)
        process.stdout.write(
          profile
            ? `${profile.legalName}\n${profile.creditCode}\n${profile.legalRepresentative}\n${profile.address}\n`
            : `${say(CLI_TEXT.noOrganisation, cliLanguage(opts.lang))}\n`,
        );
      return profile;
    }),
  );
}
