import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { COMMANDS, type CommandName } from '../../src-cli/command-table.js';
import { cliBundle } from '../support/bundles.js';
import { recordLoads, sourcesOf } from '../support/module-loads.js';

/**
 * `inkstone` loads only what the command it runs needs (src-cli/main.ts, command-table.ts): the
 * overall help loads no command module at all, and `verify` loads no signing, library or evidence
 * code. Checked on the bundle that ships, by recording every file Node loads; re-adding an eager
 * import of a command module (or of pdf-lib, pkijs, SQLite…) to the start path fails here.
 */
/** Run the bundled CLI and return the files it loaded. */
const loadsOf = (args: string[]) => recordLoads([cliBundle(), ...args]);

test('inkstone --help loads the CLI entry and Commander, and no command module or engine', () => {
  const { code, stdout, files } = loadsOf(['--help']);
  assert.equal(code, 0);
  for (const name of Object.keys(COMMANDS)) assert.match(stdout, new RegExp(`^  ${name}\\b`, 'm'));
  const outside = files.filter((f) => f.includes(`${path.sep}node_modules${path.sep}`));
  assert.deepEqual(outside, [], 'nothing is loaded from node_modules (native modules, pdf.js)');
  const sources = files.flatMap(sourcesOf);
  // program.ts builds the command line from the table; src-shared/i18n is a dependency-free table of the languages.
  const entry = ['src-cli/main.ts', 'src-cli/program.ts', 'src-cli/command-table.ts', 'src-shared/i18n/index.ts'];
  const allowed = (s: string) => s.includes('node_modules/commander/') || entry.some((e) => s.endsWith(e));
  assert.deepEqual(
    sources.filter((s) => !allowed(s)),
    [],
    'only the entry (main, program, command table, the language list) and commander are evaluated',
  );
  assert.ok(sources.some((s) => s.endsWith('src-cli/main.ts')));
});

test('inkstone verify loads the verifier, and no signing, library or evidence code', () => {
  const { code, files } = loadsOf(['verify', path.join(tmpdir(), 'no-such-file.pdf'), '--lang', 'en']);
  assert.equal(code, 3, 'a missing file is an unreadable input');
  const sources = files.flatMap(sourcesOf);
  assert.ok(sources.some((s) => s.includes('src-main/core/verify/')));
  // zod (the API schemas) costs more to load than verifying a page; the verifier needs none of it.
  for (const other of [
    'src-main/core/signing/',
    'src-main/core/library/',
    'src-main/core/evidence/',
    'src-main/core/db/',
    'node_modules/pdf-lib/',
    'node_modules/zod/',
  ])
    assert.deepEqual(
      sources.filter((s) => s.includes(other)),
      [],
      `${other} is not loaded`,
    );
});

test('inkstone sign loads the signing code, and no library, report or evidence code', () => {
  const { files } = loadsOf(['sign', path.join(tmpdir(), 'no-such-file.pdf'), '-o', path.join(tmpdir(), 'never.pdf'), '--p12', 'missing.p12', '--pin-stdin']);
  const sources = files.flatMap(sourcesOf);
  assert.ok(sources.some((s) => s.includes('src-main/core/signing/')));
  // node-forge is loaded only for an RC2-protected PKCS#12 file; zod not at all.
  for (const other of [
    'src-main/core/library/',
    'src-main/core/evidence/',
    'src-main/core/verify/report-pdf',
    'node_modules/pdf-lib/',
    'node_modules/zod/',
    'node_modules/node-forge/',
  ])
    assert.deepEqual(
      sources.filter((s) => s.includes(other)),
      [],
      `${other} is not loaded`,
    );
});

test('the help summary of each command matches the command its module defines', async () => {
  const full = new Command('inkstone');
  const registered = new Set<unknown>();
  for (const { load } of Object.values(COMMANDS)) {
    const register = await load();
    if (registered.has(register)) continue;
    registered.add(register);
    register(full);
  }
  const help = full.createHelp();
  for (const cmd of full.commands) {
    const entry = COMMANDS[cmd.name() as CommandName];
    assert.ok(entry, `${cmd.name()} is in src-cli/command-table.ts`);
    assert.equal(`${cmd.name()} ${entry.usage}`.trim(), help.subcommandTerm(cmd), `usage of ${cmd.name()}`);
    assert.equal(cmd.description(), entry.description);
  }
  assert.equal(full.commands.length, Object.keys(COMMANDS).length);
});
