// The template gallery and template files: every template valid in both languages, numbered, with
// signature blocks; files round-trip and bad ones are refused; `draft new --template` fills one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  TEMPLATE_GALLERY,
  checkTemplate,
  checkValues,
  findTemplate,
  instantiateTemplate,
  readTemplateFile,
  templateParties,
  toPlainDraft,
  writeTemplateFile,
  type PlainDraft,
} from '../../src-shared/drafting/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import { Library } from '../../src-main/core/library/index.js';

const SAMPLE: Record<string, string> = {
  discloser: '北京甲科技有限公司', recipient: '上海乙有限公司', buyer: '甲公司', seller: '乙公司', client: '甲公司', provider: '乙公司',
  employer: '甲公司', employee: '张三', purpose: '软件开发合作', effectiveDate: '2026-12-07', startDate: '2027-01-01', endDate: '2027-12-31',
  deliveryDate: '2027-03-01', penalty: '100000', price: '1000000000.99', fee: '12345.6', salary: '20000', goods: '服务器', quantity: '10',
  place: '北京', scope: '法律咨询', position: '工程师',
}; // prettier-ignore
const valuesFor = (keys: string[]) => Object.fromEntries(keys.filter((k) => k in SAMPLE).map((k) => [k, SAMPLE[k]]));

test('the gallery: four templates in each language, valid, filled without placeholders, numbered, signed', () => {
  for (const lang of ['zh-CN', 'en'] as const)
    assert.deepEqual(
      TEMPLATE_GALLERY.filter((t) => t.language === lang).map((t) => t.name),
      ['nda', 'purchase', 'services', 'employment'],
    );
  for (const template of TEMPLATE_GALLERY) {
    checkTemplate(template);
    const values = checkValues(template.variables, valuesFor(template.variables.map((v) => v.key)), template.language);
    const parties = templateParties(template, values).map((p, i) => ({ ...p, partyId: `p${i}`, organisation: '', registrationNumber: '' }));
    assert.equal(parties.length, 2, template.name);
    const plain = toPlainDraft(instantiateTemplate(template, values, parties), template.language);
    const text = JSON.stringify(plain);
    assert.doesNotMatch(text, /〔/, `${template.name}/${template.language}: a placeholder left`);
    assert.equal(plain.signatures.length, 2);
    const first = plain.body[0];
    assert.equal(first?.kind === 'article' && first.number, template.language === 'zh-CN' ? '第一条' : '1.', template.name);
  }
  const nda = findTemplate('nda', 'zh-CN');
  const filled = JSON.stringify(
    toPlainDraft(instantiateTemplate(nda, checkValues(nda.variables, valuesFor(nda.variables.map((v) => v.key)), 'zh-CN'), []), 'zh-CN'),
  );
  assert.match(filled, /人民币100,000.00元（大写：人民币壹拾万元整）/);
  assert.match(filled, /2026年12月7日/);
  assert.doesNotMatch(filled, /不招揽/, 'the optional article is left out by default');
  const en = findTemplate('nda', 'en');
  const filledEn = JSON.stringify(
    toPlainDraft(instantiateTemplate(en, checkValues(en.variables, { ...valuesFor(en.variables.map((v) => v.key)), nonSolicit: 'yes' }, 'en'), []), 'en'),
  );
  assert.match(filledEn, /7 December 2026/);
  assert.match(filledEn, /RMB 100,000.00 \(in words: 人民币壹拾万元整\)/);
  assert.match(filledEn, /Non-Solicitation/);
  assert.throws(
    () => findTemplate('lease', 'en'),
    (e: unknown) => e instanceof InkstoneError && e.code === 'DRAFT_TEMPLATE_NOT_FOUND',
  );
});

test('template files: export then import gives the same template; bad files are refused with a typed error', () => {
  const nda = findTemplate('nda', 'en');
  assert.deepEqual(readTemplateFile(writeTemplateFile(nda)), nda);
  const refused = (text: string) => {
    try {
      readTemplateFile(text);
    } catch (err) {
      assert.ok(err instanceof InkstoneError);
      return err.code;
    }
    return 'accepted';
  };
  const json = JSON.parse(writeTemplateFile(nda)) as Record<string, unknown>;
  assert.equal(refused('{not json'), 'TEMPLATE_INVALID');
  assert.equal(refused(JSON.stringify({ ...json, version: 2 })), 'TEMPLATE_INVALID');
  assert.equal(
    refused(JSON.stringify({ ...json, variables: nda.variables.filter((v) => v.key !== 'purpose') })),
    'TEMPLATE_INVALID',
    'the document uses undeclared variables',
  );
  assert.equal(refused(JSON.stringify({ ...json, document: { type: 'doc', content: [{ type: 'paragraph' }] } })), 'TEMPLATE_INVALID');
  assert.equal(refused(' '.repeat(1024 * 1024 + 1)), 'TEMPLATE_TOO_LARGE');
});

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'cli-main.ts'), 'draft', ...args], {
    encoding: 'utf8',
    env: { ...process.env, INKSTONE_LANG: 'en' },
  });

test('inkstone draft new --template nda --set … fills the gallery template; a bad value creates nothing', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-template-cli-'));
  try {
    const sets = ['discloser=北京甲科技有限公司', 'recipient=上海乙有限公司', 'purpose=软件开发合作', 'effectiveDate=2026-12-07', 'penalty=1,000,000,000.99'];
    const made = cli(['new', '--template', 'nda', '--language', 'zh-CN', ...sets.flatMap((s) => ['--set', s]), '--data-dir', dir, '--json']);
    assert.equal(made.status, 0, made.stderr);
    const out = JSON.parse(made.stdout) as { contractId: string; values: Record<string, string>; draft: PlainDraft };
    assert.equal(out.draft.title, '保密协议');
    assert.equal(out.values.penalty, '1000000000.99');
    assert.match(JSON.stringify(out.draft), /人民币1,000,000,000.99元（大写：人民币壹拾亿元玖角玖分）/);
    assert.deepEqual(
      out.draft.signatures.map((s) => [s.role, s.name]),
      [
        ['甲方', '北京甲科技有限公司'],
        ['乙方', '上海乙有限公司'],
      ],
    );
    // A negative amount is refused before anything is written.
    const bad = cli([
      'new',
      '--template',
      'nda',
      '--language',
      'zh-CN',
      ...sets.flatMap((s) => ['--set', s]),
      '--set',
      'penalty=-5',
      '--data-dir',
      dir,
      '--json',
    ]);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /VARIABLE_INVALID|Liquidated|违约金/);
    const library = new Library(dir);
    try {
      assert.equal((library.db.prepare('SELECT count(*) AS n FROM contracts').get() as { n: number }).n, 1, 'no second contract');
    } finally {
      library.close();
    }
    // A template file works the same way.
    const file = path.join(dir, 'nda.json');
    writeFileSync(file, writeTemplateFile(findTemplate('nda', 'en')));
    const fromFile = cli(['new', '--template', file, ...sets.flatMap((s) => ['--set', s]), '--data-dir', dir, '--json']);
    assert.equal(fromFile.status, 0, fromFile.stderr);
    assert.match(fromFile.stdout, /7 December 2026/);
    const missing = cli(['new', '--template', 'lease', '--data-dir', dir]);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /lease/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
