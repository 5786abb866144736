import { CONTRACT_LIMITS, ContractFields, type Contract, type ContractPatch } from '../../src-shared/api/index.js';
import type { MessageRef } from '../i18n/messages.js';
import { parseDateInput } from '../library/date-input.js';
import { problemsByField } from './schema-problems.js';

/** The metadata form as typed: every field a string (or tag list) until it is checked. */
export interface MetadataDraft {
  title: string;
  contractType: string;
  tags: string[];
  amount: string;
  currency: string;
  effectiveDate: string;
  expiryDate: string;
  renewalDate: string;
  owner: string;
  notes: string;
}

export type DraftField = keyof MetadataDraft;
export type FieldProblem = MessageRef;
export type DraftErrors = Partial<Record<DraftField, FieldProblem>>;

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'GBP', 'JPY', 'SGD', 'CHF'] as const;

export function draftOf(c: Contract): MetadataDraft {
  return {
    title: c.title,
    contractType: c.contractType,
    tags: [...c.tags],
    amount: c.value?.amount ?? '',
    currency: c.value?.currency ?? 'CNY',
    effectiveDate: c.effectiveDate ?? '',
    expiryDate: c.expiryDate ?? '',
    renewalDate: c.renewalDate ?? '',
    owner: c.owner,
    notes: c.notes,
  };
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** True when the form holds anything the stored contract does not. */
export function isDirty(c: Contract, d: MetadataDraft): boolean {
  return !sameValue(draftOf(c), d);
}

/**
 * A fresh contract arrived while the person was typing (a status change, an import adding a
 * document): take its values, except in the fields they have edited since `base`.
 */
export function rebaseDraft(base: MetadataDraft, next: MetadataDraft, draft: MetadataDraft): MetadataDraft {
  const out: Record<string, unknown> = { ...next };
  for (const key of Object.keys(draft) as DraftField[]) if (!sameValue(draft[key], base[key])) out[key] = draft[key];
  return out as unknown as MetadataDraft;
}

export const MAX_TAG_LENGTH = CONTRACT_LIMITS.tag;

/** Amounts may be typed with thousands separators (1,234.50 or 1，234.50); they are stored without. */
export function normaliseAmount(text: string): string {
  return text.trim().replace(/[,，\s]/g, '');
}

/** The contract's fields as the draft would send them. */
/** A typed date as stored (2026年12月1日 → 2026-12-01); unreadable text as typed, for the schema to refuse. */
const dateOf = (text: string) => parseDateInput(text) ?? (text.trim() || null);

function fieldsOf(d: MetadataDraft) {
  const amount = normaliseAmount(d.amount);
  return {
    title: d.title,
    contractType: d.contractType,
    tags: d.tags,
    value: amount ? { amount, currency: d.currency } : null,
    effectiveDate: dateOf(d.effectiveDate),
    expiryDate: dateOf(d.expiryDate),
    renewalDate: dateOf(d.renewalDate),
    owner: d.owner,
    notes: d.notes,
  };
}

const DATE_FIELDS = ['effectiveDate', 'expiryDate', 'renewalDate'] as const;

const DRAFT_FIELDS: Readonly<Record<DraftField, true>> = {
  title: true,
  contractType: true,
  tags: true,
  amount: true,
  currency: true,
  effectiveDate: true,
  expiryDate: true,
  renewalDate: true,
  owner: true,
  notes: true,
};

/** The form field of a schema issue: an amount's parts are two fields, a tag is the tag list. */
function draftFieldOf([first, second]: readonly PropertyKey[]): DraftField | undefined {
  if (first === 'value') return second === 'currency' ? 'currency' : 'amount';
  return typeof first === 'string' && first in DRAFT_FIELDS ? (first as DraftField) : undefined;
}

/**
 * Check a draft with the schema the core applies to a contract (ContractFields), with messages in
 * the person's language; then what the schema cannot say: a real calendar date, expiry after effect.
 */
export function validateDraft(d: MetadataDraft): DraftErrors {
  const parsed = ContractFields.safeParse(fieldsOf(d));
  const errors: DraftErrors = parsed.success
    ? {}
    : problemsByField(parsed.error, draftFieldOf, {
        amount: { key: 'validation.amount' },
        currency: { key: 'validation.currency' },
        effectiveDate: { key: 'validation.date' },
        expiryDate: { key: 'validation.date' },
        renewalDate: { key: 'validation.date' },
      });
  for (const field of DATE_FIELDS) {
    if (!errors[field] && d[field].trim() && !parseDateInput(d[field])) errors[field] = { key: 'validation.date' };
  }
  const effective = parseDateInput(d.effectiveDate);
  const expiry = parseDateInput(d.expiryDate);
  if (!errors.effectiveDate && !errors.expiryDate && effective && expiry && expiry < effective) {
    errors.expiryDate = { key: 'validation.expiryBeforeEffective' };
  }
  return errors;
}

/** Only what changed, in the contract's own shape; null when nothing did. */
export function patchFrom(contract: Contract, d: MetadataDraft): ContractPatch | null {
  const patch: Record<string, unknown> = {};
  const set = <K extends keyof ContractPatch>(key: K, next: ContractPatch[K], current: unknown) => {
    if (JSON.stringify(next) !== JSON.stringify(current)) patch[key] = next;
  };
  set('title', d.title.trim(), contract.title);
  set('contractType', d.contractType.trim(), contract.contractType);
  set('tags', d.tags, contract.tags);
  const amount = normaliseAmount(d.amount);
  set('value', amount ? { amount, currency: d.currency } : null, contract.value);
  set('effectiveDate', parseDateInput(d.effectiveDate), contract.effectiveDate);
  set('expiryDate', parseDateInput(d.expiryDate), contract.expiryDate);
  set('renewalDate', parseDateInput(d.renewalDate), contract.renewalDate);
  set('owner', d.owner.trim(), contract.owner);
  set('notes', d.notes.trim(), contract.notes);
  return Object.keys(patch).length ? (patch as ContractPatch) : null;
}
