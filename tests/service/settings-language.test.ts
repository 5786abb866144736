import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { SettingsStore } from '../../src-main/core/settings/index.js';
import { languageFromLocales } from '../../src-shared/locale.js';

const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-settings-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);

test('the first language that is Chinese (any region) or English decides', () => {
  assert.equal(languageFromLocales(['zh-TW', 'en-US']), 'zh-CN');
  assert.equal(languageFromLocales(['zh-Hant-HK']), 'zh-CN');
  assert.equal(languageFromLocales(['zh_CN.UTF-8']), 'zh-CN');
  assert.equal(languageFromLocales(['fr-FR', 'zh-CN', 'en']), 'zh-CN');
  assert.equal(languageFromLocales(['en-GB', 'zh-CN']), 'en');
  assert.equal(languageFromLocales(['C.UTF-8']), 'en');
  assert.equal(languageFromLocales([]), 'en');
  assert.equal(languageFromLocales(['zhx', 'eng']), 'en');
});

test('until a language is chosen, the system languages decide at every start, whatever else is saved', async () => {
  const f = file('first-run.json');
  const first = new SettingsStore(f, { dataDir: dir, systemLanguages: ['zh-HK', 'en'] });
  assert.deepEqual([first.get().language, first.get().languageChosen], ['zh-CN', false]);
  await first.update({ reminderHorizonDays: 10 });
  assert.equal(JSON.parse(readFileSync(f, 'utf8')).language, undefined);
  const moved = new SettingsStore(f, { dataDir: dir, systemLanguages: ['en-US'] });
  assert.deepEqual([moved.get().language, moved.get().languageChosen, moved.get().reminderHorizonDays], ['en', false, 10]);
});

test('a chosen language wins over the system, and can be given back to the system', async () => {
  const f = file('chosen.json');
  const store = new SettingsStore(f, { dataDir: dir, systemLanguages: ['en-US'] });
  await store.update({ language: 'zh-CN' });
  const reopened = new SettingsStore(f, { dataDir: dir, systemLanguages: ['en-US'] });
  assert.deepEqual([reopened.get().language, reopened.get().languageChosen], ['zh-CN', true]);
  const back = await reopened.update({ languageChosen: false });
  assert.deepEqual([back.language, back.languageChosen], ['en', false]);
});

test('a settings file from before the choice was recorded keeps its language as chosen', () => {
  const f = file('old.json');
  writeFileSync(f, JSON.stringify({ language: 'zh-CN', dataDir: dir, reminderHorizonDays: 30 }));
  const store = new SettingsStore(f, { dataDir: dir, systemLanguages: ['en'] });
  assert.deepEqual([store.get().language, store.get().languageChosen, store.get().verifyOnline], ['zh-CN', true, false]);
});
