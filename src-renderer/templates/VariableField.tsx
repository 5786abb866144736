import type { VariableSpec } from '../../src-shared/drafting/index.js';
import type { Language } from '../../src-shared/i18n/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Field } from '../ui/Field.js';
import { renderedHint } from './fill-form.js';

/** A name the person may pick for a party variable: our organisation, or a party of the contract. */
export interface PartyChoice {
  name: string;
  label: string;
}

/**
 * One variable's control, by its kind: text and party (with the names to pick from) as text
 * boxes, a date typed or picked, money as figures with the 大写 reading live below, numbers, a
 * choice of clause variants as radio buttons, an optional section as a checkbox. Every control
 * is a native one, so it works from the keyboard.
 */
export function VariableField({
  spec,
  value,
  problem,
  documentLanguage,
  parties,
  onChange,
  onBlur,
}: {
  spec: VariableSpec;
  value: string;
  problem: string | null;
  documentLanguage: Language;
  parties: readonly PartyChoice[];
  onChange: (value: string) => void;
  onBlur?: () => void;
}) {
  const { t } = useI18n();
  const listId = `party-names-${spec.key}`;
  const rendered = renderedHint(spec, value, documentLanguage);
  const range =
    spec.kind === 'number' && (spec.min !== undefined || spec.max !== undefined)
      ? t('templates.field.range', { min: spec.min ?? '−∞', max: spec.max ?? '∞' })
      : '';
  const hint =
    spec.kind === 'money'
      ? rendered
        ? t('templates.field.moneyHint', { text: rendered })
        : t('templates.field.moneyFormat')
      : spec.kind === 'date' && rendered
        ? t('templates.field.dateHint', { text: rendered })
        : spec.kind === 'party'
          ? t('templates.field.partyHint')
          : range || undefined;
  const data = { 'data-variable': spec.key, 'data-kind': spec.kind };

  if (spec.kind === 'yesno')
    return (
      <div className="field template-yesno" {...data}>
        <label>
          <input type="checkbox" checked={value === 'yes'} onChange={(e) => onChange(e.currentTarget.checked ? 'yes' : 'no')} /> {spec.label}
        </label>
      </div>
    );
  if (spec.kind === 'choice')
    return (
      <fieldset className={`field template-choice${problem ? ' field-invalid' : ''}`} {...data}>
        <legend className={spec.required ? 'field-label field-label-required' : 'field-label'}>{spec.label}</legend>
        {spec.options?.map((o) => (
          <label key={o.value} className="template-choice-option">
            <input type="radio" name={`choice-${spec.key}`} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} onBlur={onBlur} />
            <span>
              <strong>{o.label}</strong>
              <span className="muted template-choice-text">{o.text}</span>
            </span>
          </label>
        ))}
        {problem && <p className="field-error">{problem}</p>}
      </fieldset>
    );
  return (
    <Field label={spec.label} error={problem} required={spec.required} hint={hint} className="template-field">
      {(p) => {
        const common = { ...p, ...data, value, onBlur, onChange: (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value) };
        switch (spec.kind) {
          case 'date':
            return (
              <span className="date-input">
                <input {...common} type="text" className="input-date" placeholder={t('field.datePlaceholder')} />
                <input
                  type="date"
                  className="date-picker"
                  aria-label={t('field.pickDate', { field: spec.label })}
                  title={t('field.pickDate', { field: spec.label })}
                  value={/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ''}
                  onChange={(e) => onChange(e.currentTarget.value)}
                />
              </span>
            );
          case 'money':
          case 'number':
            return <input {...common} type="text" inputMode="decimal" className="template-figures" />;
          case 'party':
            return (
              <>
                <input {...common} type="text" list={listId} autoComplete="off" />
                <datalist id={listId}>
                  {parties.map((c) => (
                    <option key={`${c.label}-${c.name}`} value={c.name} label={c.label} />
                  ))}
                </datalist>
              </>
            );
          default:
            return <input {...common} type="text" maxLength={spec.maxLength ?? 500} />;
        }
      }}
    </Field>
  );
}
