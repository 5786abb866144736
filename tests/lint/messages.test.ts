import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import {
  defineMessages,
  definedMessageTables,
  fill,
  findText,
  inLanguage,
  LANGUAGES,
  placeholders,
  say,
  type Message,
  type MessageTable,
} from '../../src-shared/i18n/index.js';
import { ERROR_CATALOG } from '../../src-shared/errors/index.js';
import { commonErrors } from '../../src-shared/errors/common.js';
import { libraryErrors } from '../../src-shared/errors/library.js';
import { pdfErrors } from '../../src-shared/errors/pdf.js';
import { pkiErrors } from '../../src-shared/errors/pki.js';
import { tokensErrors } from '../../src-shared/errors/tokens.js';
import { signingErrors } from '../../src-shared/errors/signing.js';
import { verifyErrors } from '../../src-shared/errors/verify.js';
import { evidenceErrors } from '../../src-shared/errors/evidence.js';
import { placementsErrors } from '../../src-shared/errors/placements.js';
import { sealsErrors } from '../../src-shared/errors/seals.js';
import { draftingErrors } from '../../src-shared/errors/drafting.js';
import { devicesErrors } from '../../src-shared/errors/devices.js';
import { draftingExportErrors } from '../../src-shared/errors/drafting-export.js';
import { templatesErrors } from '../../src-shared/errors/templates.js';
import { ceremonyErrors } from '../../src-shared/errors/ceremony.js';
import { syncErrors } from '../../src-shared/errors/sync.js';
import { signingBatchErrors } from '../../src-shared/errors/signing-batch.js';
import { clausesErrors } from '../../src-shared/errors/clauses.js';
import { signatureUpgradeErrors } from '../../src-shared/errors/signature-upgrade.js';
import { translate } from '../../src-renderer/i18n/messages.js';

// Every table of text is made with defineMessages (src-shared/i18n). This file finds each one in the
// sources, loads it, and checks what the type checker cannot see across a whole table: both
// languages present and non-empty, and the same {placeholders} in both.
const root = path.resolve(import.meta.dirname, '../..');
const DEFINITION = path.join(root, 'src-shared/i18n/index.ts');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const tableFiles = readdirSync(root)
  .filter((d) => d.startsWith('src-'))
  .flatMap((d) => sources(path.join(root, d)))
  .filter((f) => f !== DEFINITION)
  .map((file) => ({ file, count: readFileSync(file, 'utf8').split('defineMessages(').length - 1 }))
  .filter((f) => f.count > 0);

const CHINESE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u;

/** A zh-CN text left in English: words but no Chinese, and not the same as the English (names such as Inkstone are). */
function leftInEnglish(message: Message): boolean {
  const zh = message['zh-CN'] ?? '';
  const words = zh.replace(/\{\w+\}/g, '').replace(/https?:\/\/\S+/g, '');
  return zh !== message.en && /[A-Za-z]{2,}/.test(words) && !CHINESE.test(zh);
}

/** The problems of one table: a language missing or empty, or placeholders that differ. */
function tableProblems(table: MessageTable): string[] {
  const problems: string[] = [];
  for (const [key, message] of Object.entries(table)) {
    for (const lang of LANGUAGES) if (typeof message[lang] !== 'string' || !message[lang].trim()) problems.push(`${key}: no ${lang} text`);
    if (leftInEnglish(message)) problems.push(`${key}: the zh-CN text is not Chinese`);
    const names = (lang: (typeof LANGUAGES)[number]) =>
      placeholders(message[lang] ?? '')
        .sort()
        .join(',');
    const [first, ...others] = LANGUAGES;
    for (const lang of others) if (names(lang) !== names(first)) problems.push(`${key}: ${first} has {${names(first)}}, ${lang} has {${names(lang)}}`);
  }
  return problems;
}

describe('every message table', () => {
  test('is found and loaded', async () => {
    const before = definedMessageTables().length;
    for (const { file } of tableFiles) await import(pathToFileURL(file).href);
    const expected = tableFiles.reduce((n, f) => n + f.count, 0);
    // The error tables, the UI's, the verifier's, the report's, the certificate's, the CLI's, the shell's …
    assert.ok(tableFiles.length >= 10, tableFiles.map((f) => f.file).join('\n'));
    assert.ok(definedMessageTables().length >= expected, `${definedMessageTables().length - before} tables loaded, ${expected} declared`);
  });

  test('has both languages and the same placeholders in each', () => {
    const tables = definedMessageTables();
    assert.ok(tables.length > 0);
    const problems = tables.flatMap(tableProblems);
    assert.deepEqual(problems, []);
  });
});

test('a table with a missing language or a different placeholder is caught', () => {
  const bad = { a: { en: 'The {id}', 'zh-CN': '{name}' }, b: { en: 'x', 'zh-CN': ' ' }, c: { en: 'Save', 'zh-CN': 'Save it' } } as unknown as MessageTable;
  assert.deepEqual(tableProblems(bad), ['a: zh-CN has {name}, en has {id}', 'b: no zh-CN text', 'c: the zh-CN text is not Chinese']);
});

test('no error code is declared by two capabilities (the catalogue would silently keep one)', () => {
  const tables = [
    commonErrors,
    libraryErrors,
    pdfErrors,
    pkiErrors,
    tokensErrors,
    signingErrors,
    verifyErrors,
    evidenceErrors,
    draftingErrors,
    sealsErrors,
    devicesErrors,
    draftingExportErrors,
    templatesErrors,
    placementsErrors,
    ceremonyErrors,
    syncErrors,
    clausesErrors,
    signingBatchErrors,
    signatureUpgradeErrors,
  ];
  assert.equal(
    Object.keys(ERROR_CATALOG).length,
    tables.reduce((n, t) => n + Object.keys(t).length, 0),
  );
});

describe('fill and say', () => {
  test('fill every placeholder, in both languages', () => {
    const m = { en: 'Contract {id} has {count} parties.', 'zh-CN': '合同 {id} 有 {count} 个当事人。' };
    assert.equal(say(m, 'en', { id: 'C-1', count: 2 }), 'Contract C-1 has 2 parties.');
    assert.equal(say(m, 'zh-CN', { id: 'C-1', count: 2 }), '合同 C-1 有 2 个当事人。');
  });

  test('a placeholder without a value stays visible; objects show as JSON', () => {
    assert.equal(fill('{a} and {b} and {c}', { a: null, c: { x: 1 } }), '{a} and {b} and {"x":1}');
    assert.equal(fill('no params {here}'), 'no params {here}');
  });

  test('placeholders are listed once, in order', () => {
    assert.deepEqual(placeholders('{b} {a} {b} {not a placeholder}'), ['b', 'a']);
  });

  test('a table in one language, and lookups by a key from data', () => {
    const table = defineMessages({ title: { en: 'Report', 'zh-CN': '报告' } });
    assert.deepEqual(inLanguage(table, 'zh-CN'), { title: '报告' });
    assert.equal(findText(table, 'title', 'en'), 'Report');
    assert.equal(findText(table, 'toString', 'en'), undefined);
  });
});

describe('the type checker holds call sites to the tables', () => {
  test('a table whose languages use different placeholders does not compile', () => {
    const table = defineMessages({
      // @ts-expect-error en names {name}, zh-CN does not
      mismatch: { en: 'Hello {name}', 'zh-CN': '你好' },
      fine: { en: 'Hello {name}', 'zh-CN': '你好，{name}' },
    });
    assert.ok(table.fine);
  });

  test('a UI text is called with exactly its placeholders', () => {
    assert.equal(translate('en', 'trust.removed', { name: 'Test CA' }), 'No longer trusted: Test CA.');
    // @ts-expect-error {name} is required
    assert.equal(translate('en', 'trust.removed'), 'No longer trusted: {name}.');
    // @ts-expect-error {names} is not a placeholder of this text
    translate('en', 'trust.removed', { names: 'x' });
    // @ts-expect-error this text has no placeholders
    translate('en', 'common.cancel', { x: 1 });
  });
});

describe('eslint keeps to one text system', () => {
  const eslint = new ESLint({ cwd: root });
  const syntax = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  };

  test('text chosen by comparing the language is refused everywhere in the sources', async () => {
    const code = "export const f = (lang: string) => (lang === 'zh-CN' ? '合同' : 'Contract');\n";
    for (const file of ['src-cli/fixture.ts', 'src-main/core/verify/fixture.ts', 'src-renderer/fixture.tsx', 'src-evidence/fixture.ts']) {
      const msgs = await syntax(file, code);
      assert.equal(msgs.length, 1, file);
      assert.match(msgs[0]!, /message table/);
    }
    assert.equal((await syntax('src-cli/fixture.ts', "export const f = (lang: string) => ('en' !== lang ? 1 : 2);\n")).length, 1);
  });

  test('the languages are not declared again', async () => {
    const msgs = await syntax('src-main/core/fixture.ts', "export type Lang = 'zh-CN' | 'en';\n");
    assert.equal(msgs.length, 1);
    assert.match(msgs[0]!, /Language type/);
    const listed = await syntax('src-evidence/fixture.ts', "import { z } from 'zod';\nexport const Lang = z.enum(['zh-CN', 'en']);\n");
    assert.equal(listed.length, 1);
    assert.match(listed[0]!, /LANGUAGES/);
  });

  test('a message table passes', async () => {
    const code =
      "import { defineMessages, say, type Language } from '../src-shared/i18n/index.js';\nconst T = defineMessages({ a: { en: 'A', 'zh-CN': '甲' } });\nexport const f = (lang: Language) => say(T.a, lang);\n";
    assert.deepEqual(await syntax('src-cli/fixture.ts', code), []);
  });
});
