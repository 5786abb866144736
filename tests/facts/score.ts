import type { FactSuggestion } from '../../src-shared/api/facts.js';
import type { Sample } from './corpus.js';

export interface FieldScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}
export interface Miss {
  id: string;
  field: string;
  expected: string | null;
  got: string | null;
}

const FIELDS = ['party', 'registrationNumber', 'value', 'effectiveDate', 'expiryDate', 'contractType'] as const;

/** Precision and recall per field: a suggestion counts only when it equals the truth exactly (role and name, amount and currency, date). */
export function scoreFacts(samples: readonly Sample[], extract: (s: Sample) => FactSuggestion[]) {
  const counts = Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<(typeof FIELDS)[number], { tp: number; fp: number; fn: number }>;
  const misses: Miss[] = [];
  const compare = (id: string, field: (typeof FIELDS)[number], expected: readonly string[], got: readonly string[]) => {
    for (const g of got) {
      if (expected.includes(g)) counts[field].tp++;
      else {
        counts[field].fp++;
        misses.push({ id, field, expected: expected.join(' | ') || null, got: g });
      }
    }
    for (const e of expected) {
      if (!got.includes(e)) {
        counts[field].fn++;
        misses.push({ id, field, expected: e, got: got.join(' | ') || null });
      }
    }
  };
  for (const s of samples) {
    const facts = extract(s);
    const t = s.truth;
    const parties = facts.flatMap((f) => (f.kind === 'party' ? [f] : []));
    compare(
      s.id,
      'party',
      t.parties.map((p) => `${p.role}:${p.name}`),
      parties.map((p) => `${p.role}:${p.name}`),
    );
    compare(
      s.id,
      'registrationNumber',
      t.parties.flatMap((p) => (p.registrationNumber ? [p.registrationNumber] : [])),
      parties.flatMap((p) => (p.registrationNumber ? [p.registrationNumber] : [])),
    );
    const value = facts.find((f) => f.kind === 'value');
    compare(
      s.id,
      'value',
      t.value ? [`${t.value.currency} ${t.value.amount}`] : [],
      value?.kind === 'value' ? [`${value.value.currency} ${value.value.amount}`] : [],
    );
    for (const kind of ['effectiveDate', 'expiryDate'] as const) {
      const f = facts.find((x) => x.kind === kind);
      compare(s.id, kind, t[kind] ? [t[kind]!] : [], f && (f.kind === 'effectiveDate' || f.kind === 'expiryDate') ? [f.date] : []);
    }
    const type = facts.find((f) => f.kind === 'contractType');
    compare(s.id, 'contractType', t.contractType ? [t.contractType] : [], type?.kind === 'contractType' ? [type.contractType] : []);
  }
  const byField = Object.fromEntries(
    FIELDS.map((f) => {
      const { tp, fp, fn } = counts[f];
      return [f, { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 }];
    }),
  ) as Record<(typeof FIELDS)[number], FieldScore>;
  return { byField, misses };
}
