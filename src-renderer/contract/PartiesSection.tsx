import { useState } from 'react';
import type { Contract, Party } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { newPartyDraft, partyDraftOf, partyInputOf, type PartyDraft } from './party-draft.js';
import { PartyForm } from './PartyForm.js';
import { roleLabel } from './roles.js';

type Editing = { mode: 'add' } | { mode: 'edit'; party: Party } | null;

/** The parties bound by the contract (甲方, 乙方 …): list, add, edit, remove with confirmation. */
export function PartiesSection({ contract, onChanged }: { contract: Contract; onChanged: (c: Contract) => void }) {
  const api = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const run = async (action: () => Promise<Contract>, after: () => void): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    try {
      onChanged(await action());
      after();
      return true;
    } catch (err) {
      setFailure(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const save = (draft: PartyDraft): Promise<boolean> => {
    const party = partyInputOf(draft);
    const current = editing;
    if (!current) return Promise.resolve(true);
    return run(
      () =>
        current.mode === 'add'
          ? api.contracts.addParty({ contractId: contract.id, party })
          : api.contracts.updateParty({ contractId: contract.id, partyId: current.party.id, party }),
      () => setEditing(null),
    );
  };

  return (
    <section className="section" aria-labelledby="parties-title">
      <div className="section-header">
        <h2 id="parties-title">{t('parties.title')}</h2>
        {!editing && (
          <button type="button" className="btn btn-primary" onClick={() => (setFailure(null), setEditing({ mode: 'add' }))}>
            <Icon name="plus" /> {t('parties.add')}
          </button>
        )}
      </div>
      {!editing && failure !== null && <ErrorBanner error={failure} />}
      {editing && (
        <PartyForm
          key={editing.mode === 'edit' ? editing.party.id : 'new'}
          title={t(editing.mode === 'add' ? 'parties.addTitle' : 'parties.editTitle')}
          initial={editing.mode === 'add' ? newPartyDraft(contract.parties) : partyDraftOf(editing.party)}
          busy={busy}
          failure={failure}
          onSave={save}
          onCancel={() => (setEditing(null), setFailure(null))}
        />
      )}
      {contract.parties.length === 0 && !editing ? (
        <p className="muted empty-inline">{t('parties.empty')}</p>
      ) : (
        <ul className="party-list">
          {contract.parties.map((p) => (
            <li key={p.id} className="party card">
              <div className="party-role">{roleLabel(i18n, p.role)}</div>
              <div className="party-body">
                <div className="party-name">{p.name}</div>
                {p.organisation && <div>{p.organisation}</div>}
                <dl className="party-facts">
                  {p.registrationNumber && (
                    <>
                      <dt>{t('party.registrationNumber')}</dt>
                      <dd className="mono">{p.registrationNumber}</dd>
                    </>
                  )}
                  {p.contact && (
                    <>
                      <dt>{t('party.contact')}</dt>
                      <dd>{p.contact}</dd>
                    </>
                  )}
                </dl>
              </div>
              <div className="party-actions">
                {confirming === p.id ? (
                  <div className="confirm" role="alertdialog" aria-label={t('parties.confirmRemove', { name: p.name })}>
                    <span>{t('parties.confirmRemove', { name: p.name })}</span>
                    <button
                      type="button"
                      className="btn btn-danger"
                      disabled={busy}
                      onClick={() =>
                        void run(
                          () => api.contracts.removeParty({ contractId: contract.id, partyId: p.id }),
                          () => setConfirming(null),
                        )
                      }
                    >
                      {t('common.remove')}
                    </button>
                    <button type="button" className="btn" onClick={() => setConfirming(null)}>
                      {t('common.cancel')}
                    </button>
                  </div>
                ) : (
                  <>
                    <button
                      type="button"
                      className="btn btn-icon"
                      aria-label={`${t('common.edit')} ${p.name}`}
                      title={t('common.edit')}
                      onClick={() => (setFailure(null), setEditing({ mode: 'edit', party: p }))}
                    >
                      <Icon name="edit" />
                    </button>
                    <button
                      type="button"
                      className="btn btn-icon"
                      aria-label={`${t('common.remove')} ${p.name}`}
                      title={t('common.remove')}
                      onClick={() => setConfirming(p.id)}
                    >
                      <Icon name="trash" />
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
