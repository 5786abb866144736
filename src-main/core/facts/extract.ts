import type { FactSuggestion } from '../../../src-shared/api/facts.js';
import { findAmount } from './amounts.js';
import { findContractType } from './contract-type.js';
import { findDateFacts } from './dates.js';
import { findParties } from './parties.js';
import { splitLines, splitSentences } from './text-lines.js';

const MAX_TEXT = 200_000; // facts sit in the first pages and the signature block; the rest is clauses

/**
 * Read a contract's facts from its text — parties, total amount, effective and expiry dates, type —
 * as suggestions, each with the sentence it came from. Rules, not guesses: a fact is offered only
 * where the text labels it (a role before a name, a total before an amount, a term around dates),
 * so a wrong suggestion is rare and a missing one is simply not offered.
 */
export function extractContractFacts(text: string, options: { title?: string | null } = {}): FactSuggestion[] {
  const head = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT / 2) + '\n' + text.slice(-MAX_TEXT / 2) : text;
  const lines = splitLines(head);
  const sentences = splitSentences(lines);
  const out: FactSuggestion[] = [];

  for (const p of findParties(lines)) {
    out.push({
      kind: 'party',
      key: `party:${p.role}:${p.name}`,
      role: p.role,
      name: p.name,
      registrationNumber: p.registrationNumber,
      source: source(p.sentence, p.start, p.end),
    });
  }
  const amount = findAmount(sentences);
  if (amount) {
    out.push({
      kind: 'value',
      key: `value:${amount.currency}:${amount.amount}`,
      value: { amount: amount.amount, currency: amount.currency },
      capitals: amount.capitals,
      source: source(amount.sentence.text, amount.start, amount.end),
    });
  }
  const dates = findDateFacts(sentences);
  for (const [kind, fact] of [
    ['effectiveDate', dates.effective],
    ['expiryDate', dates.expiry],
  ] as const) {
    if (fact) out.push({ kind, key: `${kind}:${fact.date}`, date: fact.date, source: source(fact.sentence.text, fact.at.start, fact.at.end) });
  }
  const type = findContractType(lines, options.title ?? null);
  if (type) out.push({ kind: 'contractType', key: `contractType:${type.type}`, contractType: type.type, source: source(type.line, type.start, type.end) });
  return out;
}

/** A source sentence of at most 400 characters around the fact, with the fact's position in it. */
function source(sentence: string, start: number, end: number) {
  if (sentence.length <= 400) return { sentence, start, end };
  const from = Math.max(0, Math.min(start - 150, sentence.length - 400));
  return { sentence: sentence.slice(from, from + 400), start: start - from, end: Math.min(end - from, 400) };
}
