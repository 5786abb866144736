import { useCallback, useState } from 'react';
import type { Contract, FactSuggestion } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { useLoader } from '../hooks/useLoader.js';
import { useI18n, type I18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/messages.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { roleLabel } from './roles.js';

const KIND_LABEL = {
  party: 'facts.kind.party',
  value: 'field.value',
  effectiveDate: 'field.effectiveDate',
  expiryDate: 'field.expiryDate',
  contractType: 'field.contractType',
} as const satisfies Readonly<Record<FactSuggestion['kind'], MessageKey>>;

/** The value as the person will see it once accepted, in their language. */
function shown(i18n: I18n, s: FactSuggestion): string {
  switch (s.kind) {
    case 'party':
      return `${roleLabel(i18n, s.role)} · ${s.name}${s.registrationNumber ? ` · ${s.registrationNumber}` : ''}`;
    case 'value':
      return i18n.fmt.money(s.value);
    case 'effectiveDate':
    case 'expiryDate':
      return i18n.fmt.date(s.date);
    case 'contractType':
      return s.contractType;
  }
}

/** What an edited suggestion becomes: the text the person typed in place of the value. */
function editableText(s: FactSuggestion): string {
  switch (s.kind) {
    case 'party':
      return s.name;
    case 'value':
      return s.value.amount;
    case 'effectiveDate':
    case 'expiryDate':
      return s.date;
    case 'contractType':
      return s.contractType;
  }
}

/**
 * Facts Inkstone read from the contract's documents — parties, amount, dates, type — offered for
 * the person to accept, correct or dismiss; each shows the sentence it came from. Nothing here is
 * applied without a click, and accepting goes through the same edits as the forms (audited).
 */
export function FactSuggestions({ contract, onChanged }: { contract: Contract; onChanged: (c: Contract) => void }) {
  const api = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const loaded = useLoader(() => api.contracts.suggestions({ id: contract.id }), [api, contract.id, contract.updatedAt]);
  const [open, setOpen] = useState(true);
  const [editing, setEditing] = useState<{ key: string; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const suggestions = loaded.data?.suggestions ?? [];

  const accept = useCallback(
    async (s: FactSuggestion, typed?: string) => {
      setBusy(s.key);
      setFailure(null);
      try {
        const text = typed?.trim();
        let next: Contract;
        if (s.kind === 'party') {
          next = await api.contracts.addParty({
            contractId: contract.id,
            party: { role: s.role, name: text || s.name, registrationNumber: s.registrationNumber },
          });
        } else if (s.kind === 'value') {
          next = await api.contracts.update({
            id: contract.id,
            patch: { value: { amount: (text || s.value.amount).replace(/[,，\s]/g, ''), currency: s.value.currency } },
          });
        } else if (s.kind === 'contractType') {
          next = await api.contracts.update({ id: contract.id, patch: { contractType: text || s.contractType } });
        } else {
          next = await api.contracts.update({ id: contract.id, patch: { [s.kind]: text || s.date } });
        }
        // Accepted in a corrected form: the reading itself was decided on, so it is not offered again.
        if (text && text !== editableText(s)) await api.contracts.dismissSuggestion({ contractId: contract.id, key: s.key });
        setEditing(null);
        onChanged(next);
      } catch (err) {
        setFailure(err);
      } finally {
        setBusy(null);
      }
    },
    [api, contract.id, onChanged],
  );

  const dismiss = useCallback(
    async (s: FactSuggestion) => {
      setBusy(s.key);
      setFailure(null);
      try {
        loaded.setData(await api.contracts.dismissSuggestion({ contractId: contract.id, key: s.key }));
      } catch (err) {
        setFailure(err);
      } finally {
        setBusy(null);
      }
    },
    [api, contract.id, loaded],
  );

  if (loaded.error) return <ErrorBanner error={loaded.error} title={t('facts.loadError')} onRetry={loaded.reload} />;
  if (!suggestions.length) return null;
  return (
    <section className="fact-suggestions" aria-labelledby="facts-title">
      <div className="fact-suggestions-header">
        <h2 id="facts-title">{t('facts.title', { count: suggestions.length })}</h2>
        <button type="button" className="btn btn-quiet" aria-expanded={open} aria-controls="facts-list" onClick={() => setOpen(!open)}>
          {open ? t('facts.hide') : t('facts.show')}
        </button>
      </div>
      {open && (
        <>
          <p className="muted fact-suggestions-hint">{t('facts.hint')}</p>
          {failure !== null && <ErrorBanner error={failure} />}
          <ul id="facts-list" className="fact-list">
            {suggestions.map((s) => {
              const isEditing = editing?.key === s.key;
              const { sentence, start, end } = s.source;
              return (
                <li key={s.key} className="fact" aria-busy={busy === s.key}>
                  <div className="fact-what">
                    <span className="fact-kind">{t(KIND_LABEL[s.kind])}</span>
                    {isEditing ? (
                      <input
                        className="input fact-input"
                        aria-label={t('facts.editLabel', { field: t(KIND_LABEL[s.kind]) })}
                        value={editing.text}
                        autoFocus
                        onChange={(e) => setEditing({ key: s.key, text: e.target.value })}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') void accept(s, editing.text);
                          if (e.key === 'Escape') {
                            e.preventDefault(); // keep the contract open: Esc only leaves the edit
                            setEditing(null);
                          }
                        }}
                      />
                    ) : (
                      <strong className="fact-value">{shown(i18n, s)}</strong>
                    )}
                    {s.kind === 'value' && s.capitals && (
                      <span className={s.capitals.agrees ? 'fact-note' : 'fact-note fact-warning'}>
                        {s.capitals.agrees
                          ? t('facts.capitalsAgree', { capitals: s.capitals.text })
                          : t('facts.capitalsDisagree', { capitals: s.capitals.text })}
                      </span>
                    )}
                  </div>
                  <blockquote className="fact-source" lang={/[\u4e00-\u9fa5]/.test(sentence) ? 'zh-CN' : 'en'}>
                    {sentence.slice(0, start)}
                    <mark>{sentence.slice(start, end)}</mark>
                    {sentence.slice(end)}
                  </blockquote>
                  <div className="fact-actions">
                    <button
                      type="button"
                      className="btn btn-primary"
                      disabled={busy !== null}
                      onClick={() => void accept(s, isEditing ? editing.text : undefined)}
                    >
                      {isEditing ? t('facts.saveEdited') : t('facts.accept')}
                    </button>
                    {!isEditing && (
                      <button type="button" className="btn" disabled={busy !== null} onClick={() => setEditing({ key: s.key, text: editableText(s) })}>
                        {t('facts.edit')}
                      </button>
                    )}
                    <button type="button" className="btn btn-quiet" disabled={busy !== null} onClick={() => (isEditing ? setEditing(null) : void dismiss(s))}>
                      {isEditing ? t('common.cancel') : t('facts.dismiss')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
