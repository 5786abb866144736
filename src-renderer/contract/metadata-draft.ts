import { Money, type Contract, type ContractPatch } from '../../src-shared/api/index.js';
import type { MessageKey, MessageParams } from '../i18n/messages.js';
import { parseDateInput } from '../library/date-input.js';

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
export interface FieldProblem {
  key: MessageKey;
  params?: MessageParams;
}
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

const LIMITS = { title: 300, contractType: 80, owner: 120, notes: 20000 } as const;
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 40;

/** Amounts may be typed with thousands separators (1,234.50 or 1，234.50); they are stored without. */
export function normaliseAmount(text: string): string {
  return text.trim().replace(/[,，\s]/g, '');
}

/** Check a draft against the contract's rules, with messages in the person's language. */
export function validateDraft(d: MetadataDraft): DraftErrors {
  const errors: DraftErrors = {};
  if (!d.title.trim()) errors.title = { key: 'validation.required' };
  for (const field of ['title', 'contractType', 'owner', 'notes'] as const) {
    if (!errors[field] && d[field].trim().length > LIMITS[field]) errors[field] = { key: 'validation.tooLong', params: { max: LIMITS[field] } };
  }
  if (d.tags.length > MAX_TAGS) errors.tags = { key: 'validation.tooManyTags', params: { max: MAX_TAGS } };
  const amount = normaliseAmount(d.amount);
  if (amount && !Money.shape.amount.safeParse(amount).success) errors.amount = { key: 'validation.amount' };
  if (amount && !Money.shape.currency.safeParse(d.currency).success) errors.currency = { key: 'validation.currency' };
  for (const field of ['effectiveDate', 'expiryDate', 'renewalDate'] as const) {
    if (d[field].trim() && !parseDateInput(d[field])) errors[field] = { key: 'validation.date' };
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
