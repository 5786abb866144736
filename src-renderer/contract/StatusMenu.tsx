import { useState } from 'react';
import { STATUS_TRANSITIONS, type Contract, type ContractStatus } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { StatusBadge } from '../ui/StatusBadge.js';

/** The contract's status and the changes it allows from here — nothing else is offered. */
export function StatusMenu({ contract, onChanged }: { contract: Contract; onChanged: (c: Contract) => void }) {
  const api = useApi();
  const { t, status: label } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // "Signed" follows the signatures: the menu never offers it without them (the core refuses it too).
  const allowed = STATUS_TRANSITIONS[contract.status].filter((s) => s !== 'signed' || contract.signatures.state === 'signed');

  const change = async (status: ContractStatus) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.contracts.setStatus({ id: contract.id, status }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="status-menu">
      <StatusBadge status={contract.status} />
      {contract.signatures.state !== 'unsigned' && (
        <span className={`signature-state signature-state-${contract.signatures.state}`}>{t(`signature.state.${contract.signatures.state}`)}</span>
      )}
      {contract.signatures.failingDocuments > 0 && <span className="signature-state signature-state-failing">{t('signature.failing')}</span>}
      {allowed.length > 0 && (
        <label className="filter-inline">
          <span className="visually-hidden">{t('status.change')}</span>
          <select
            value=""
            disabled={busy}
            aria-label={t('status.change')}
            onChange={(e) => {
              const next = e.currentTarget.value as ContractStatus;
              if (next) void change(next);
            }}
          >
            <option value="">{t('status.changeTo')}</option>
            {allowed.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        </label>
      )}
      {error !== null && <ErrorBanner error={error} />}
    </div>
  );
}
