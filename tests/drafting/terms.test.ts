// Defined terms: listed with their uses; an undefined, unused or doubly defined term is flagged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseTerms, type DraftNodeJSON } from '../../src-shared/drafting/index.js';

const t = (text: string, ...marks: string[]): DraftNodeJSON => ({ type: 'text', text, ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}) });
const p = (...content: DraftNodeJSON[]): DraftNodeJSON => ({ type: 'paragraph', content });
const doc = (...paragraphs: DraftNodeJSON[]): DraftNodeJSON => ({
  type: 'doc',
  content: [{ type: 'body', content: [{ type: 'article', attrs: { id: 'a' }, content: [{ type: 'article_heading' }, ...paragraphs] }] }],
});

test('Chinese terms: defined in quotes, used anywhere else; unused and undefined flagged', () => {
  const reports = analyseTerms(
    doc(
      p(t('“'), t('保密信息', 'term_definition'), t('”是指一方披露的信息。')),
      p(t('接收方应对保密信息保密，'), t('对方', 'term_use'), t('不得泄露。')),
      p(t('“'), t('工作日', 'term_definition'), t('”指周一至周五。')),
    ),
  );
  assert.deepEqual(
    reports.map((r) => [r.term, r.definitions, r.uses, r.flag]),
    [
      ['保密信息', 1, 1, null],
      ['工作日', 1, 0, 'unused'],
      ['对方', 0, 1, 'undefined'],
    ],
  );
});

test('a term split across bold runs is one term; defined twice is flagged; Latin terms match whole words', () => {
  const reports = analyseTerms(
    doc(
      p(t('"'), t('Confidential ', 'term_definition'), t('Information', 'term_definition', 'strong'), t('" means…')),
      p(t('"'), t('Party', 'term_definition'), t('" means each party; the Party and the Parties; Partying is not a use.')),
      p(t('"'), t('Party', 'term_definition'), t('" again.')),
      p(t('Confidential Information stays confidential.')),
    ),
  );
  const byTerm = new Map(reports.map((r) => [r.term, r]));
  assert.deepEqual(byTerm.get('Confidential Information'), { term: 'Confidential Information', definitions: 1, uses: 1, flag: null });
  assert.deepEqual(byTerm.get('Party'), { term: 'Party', definitions: 2, uses: 1, flag: 'definedTwice' });
});
