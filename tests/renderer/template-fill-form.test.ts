// The fill form's logic: problems per field in the person's language (as the core will check),
// the 大写 / date reading beside a field, and a preview that keeps placeholders for what is not
// yet right while following the yes/no sections at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTemplate } from '../../src-shared/drafting/index.js';
import { formatErrorMessage } from '../../src-shared/errors/index.js';
import { checkForm, initialValues, previewDraft, renderedHint } from '../../src-renderer/templates/fill-form.js';

const nda = findTemplate('nda', 'zh-CN');
/** Every run of text in a plain draft, joined. */
const allText = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(allText).join('')
    : value && typeof value === 'object'
      ? Object.entries(value)
          .map(([k, v]) => (k === 'text' && typeof v === 'string' ? v : allText(v)))
          .join('')
      : '';
const spec = (key: string) => nda.variables.find((v) => v.key === key)!;

test('each field is checked as the core checks it, with its message in the UI language', () => {
  const raw = { ...initialValues(nda), discloser: '甲公司', recipient: '乙公司', purpose: '合作', effectiveDate: '2026-02-30', penalty: '12,34', years: '11' };
  const { fields, ok } = checkForm(nda, raw, 'en');
  assert.equal(ok, false);
  const message = (key: string) => {
    const p = fields[key].problem;
    return p ? formatErrorMessage(p.code, p.details, 'en') : '';
  };
  assert.match(message('effectiveDate'), /must be a date such as 2026-12-07/);
  assert.match(message('penalty'), /at most two decimals/);
  assert.match(message('years'), /between 1 and 10/);
  assert.equal(message('purpose'), '');
  const zh = checkForm(nda, { ...raw, purpose: '' }, 'zh-CN').fields.purpose.problem!;
  assert.equal(formatErrorMessage(zh.code, zh.details, 'zh-CN'), '请填写“合作目的”。');
  const fixed = checkForm(nda, { ...raw, effectiveDate: '2026年12月7日', penalty: '1234', years: '3' }, 'en');
  assert.equal(fixed.ok, true);
  assert.equal(fixed.values.effectiveDate, '2026-12-07');
});

test('a field reads as the contract will: 大写 for money, the date in the document’s language', () => {
  assert.equal(renderedHint(spec('penalty'), '12345.6', 'zh-CN'), '人民币12,345.60元（大写：人民币壹万贰仟叁佰肆拾伍元陆角整）');
  assert.equal(renderedHint(spec('penalty'), 'abc', 'zh-CN'), '');
  assert.equal(renderedHint(spec('effectiveDate'), '2026-12-07', 'en'), '7 December 2026');
  assert.equal(renderedHint(spec('purpose'), 'x', 'zh-CN'), '');
});

test('the preview fills what is right, keeps placeholders for the rest, and follows the optional sections', () => {
  const raw = { ...initialValues(nda), discloser: '甲公司', penalty: '12,34' };
  const text = allText(previewDraft(nda, raw, 'zh-CN'));
  assert.match(text, /甲公司（以下简称“甲方”）与〔接收方（乙方）名称〕/);
  assert.match(text, /〔违约金〕/);
  assert.doesNotMatch(text, /不招揽/);
  const withSection = previewDraft(nda, { ...raw, nonSolicit: 'yes' }, 'zh-CN');
  assert.match(allText(withSection.body), /不招揽/);
  assert.equal(withSection.parties.length, 1, 'a party appears once its name is filled');
});
