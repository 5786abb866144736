/**
 * The fill form's logic, apart from React so tests run it under node: each field checked the way
 * the core will check it (`checkVariable`, the same code `draft new --set` runs), its problem as a
 * typed error for the field, and the preview built from the values that pass — a value not yet
 * right leaves its placeholder showing (〔违约金〕) rather than blocking the whole preview.
 */
import type { DraftTemplate } from '../../src-shared/api/index.js';
import {
  checkVariable,
  instantiateTemplate,
  renderVariable,
  templateParties,
  toPlainDraft,
  type PlainDraft,
  type VariableSpec,
} from '../../src-shared/drafting/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { Language } from '../../src-shared/i18n/index.js';

export type RawValues = Readonly<Record<string, string>>;

export interface FieldCheck {
  /** The checked value ('' for an optional variable left empty), when the field is right. */
  value?: string;
  /** Why it is not, as the core would say it. */
  problem?: InkstoneError;
}

export function checkField(spec: VariableSpec, raw: string | undefined, lang: Language): FieldCheck {
  try {
    return { value: checkVariable(spec, raw, lang) };
  } catch (err) {
    if (err instanceof InkstoneError) return { problem: err };
    throw err;
  }
}

/** Every field checked; `ok` when the template can be filled with these values. */
export function checkForm(
  template: DraftTemplate,
  raw: RawValues,
  lang: Language,
): { fields: Record<string, FieldCheck>; ok: boolean; values: Record<string, string> } {
  const fields = Object.fromEntries(template.variables.map((s) => [s.key, checkField(s, raw[s.key], lang)]));
  const values = Object.fromEntries(Object.entries(fields).flatMap(([k, f]) => (f.value !== undefined ? [[k, f.value]] : [])));
  return { fields, ok: Object.values(fields).every((f) => !f.problem), values };
}

/** The starting values: each variable's default (yes/no as "no" unless its default says yes). */
export function initialValues(template: DraftTemplate): Record<string, string> {
  return Object.fromEntries(template.variables.map((s) => [s.key, s.default ?? (s.kind === 'yesno' ? 'no' : '')]));
}

/**
 * How a value reads in the contract, for the hint beside its field: a date as 2026年12月7日, an
 * amount with its 大写 — '' when the value is not (yet) right or reads as typed.
 */
export function renderedHint(spec: VariableSpec, raw: string, documentLanguage: Language): string {
  if (spec.kind !== 'date' && spec.kind !== 'money') return '';
  const { value } = checkField(spec, raw, documentLanguage);
  return value ? renderVariable(spec, value, documentLanguage) : '';
}

/** The filled document as it would be created now: the values that pass, placeholders elsewhere. */
export function previewDraft(template: DraftTemplate, raw: RawValues, lang: Language): PlainDraft {
  const { values } = checkForm(template, raw, lang);
  // Yes/no sections follow the form at once; other variables only once their value is right.
  const parties = templateParties(template, values).map((p, i) => ({ ...p, partyId: `preview-${i}`, organisation: '', registrationNumber: '' }));
  return toPlainDraft(instantiateTemplate(template, values, parties), template.language);
}

/** Placeholders a preview still shows (〔…〕), so the person sees what is left to fill. */
export const PLACEHOLDER = /〔[^〔〕]{1,80}〕/g;
