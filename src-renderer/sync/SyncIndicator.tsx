import type { SyncStatus } from '../../src-shared/api/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useSyncStatus } from './useSyncStatus.js';

/**
 * Where the team library stands, at the foot of the navigation: not connected, offline (changes
 * wait here), syncing n of m with a bar, up to date, or failed with the reason and a retry.
 */
export function SyncIndicator() {
  const { t, errorText } = useI18n();
  const { status, retry } = useSyncStatus();
  if (!status) return null;
  const label = stateLabel(status, t);
  const p = status.progress;
  const fraction = p ? (p.uploadTotal ? (p.uploadSent ?? 0) / p.uploadTotal : p.total ? p.done / p.total : 0) : 0;
  return (
    <div className={`sync-indicator sync-${status.state}`} role="status" aria-live="polite" data-testid="sync-indicator">
      <div className="sync-line">
        <span className="sync-dot" aria-hidden="true" />
        <span>{label}</span>
      </div>
      {status.state === 'syncing' && <progress className="sync-progress" max={1} value={fraction} aria-label={label} />}
      {status.pending > 0 && status.state !== 'syncing' && status.state !== 'disconnected' && (
        <div className="sync-detail">{t('sync.pending', { count: status.pending })}</div>
      )}
      {status.conflicts > 0 && <div className="sync-detail">{t('sync.conflicts', { count: status.conflicts })}</div>}
      {(status.state === 'error' || status.state === 'offline') && (
        <>
          {status.lastError && (
            <div className="sync-detail sync-reason">
              {errorText({ code: status.lastError.code, details: status.lastError.details, message: status.lastError.message })}
            </div>
          )}
          <button type="button" className="btn btn-small" onClick={retry}>
            {t('sync.retry')}
          </button>
        </>
      )}
    </div>
  );
}

function stateLabel(s: SyncStatus, t: ReturnType<typeof useI18n>['t']): string {
  switch (s.state) {
    case 'syncing':
      return t('sync.state.syncing', { done: s.progress?.done ?? 0, total: s.progress?.total ?? s.pending });
    case 'offline':
      return t('sync.state.offline');
    case 'error':
      return t('sync.state.error');
    case 'upToDate':
      return t('sync.state.upToDate');
    default:
      return t('sync.state.disconnected');
  }
}
