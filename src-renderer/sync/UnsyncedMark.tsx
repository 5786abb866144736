import { useI18n } from '../i18n/I18nProvider.js';
import { useSyncStatus } from './useSyncStatus.js';

/** "Not yet synced" beside a contract whose changes the evidence service has not acknowledged. */
export function UnsyncedMark({ contractId }: { contractId: string }) {
  const { status } = useSyncStatus();
  if (!status?.connection || !status.unsyncedContracts.includes(contractId)) return null;
  return <NotSyncedBadge />;
}

/** The mark itself, for lists that read the sync status once for all their rows. */
export function NotSyncedBadge() {
  const { t } = useI18n();
  return (
    <span className="unsynced-mark" title={t('sync.notSyncedHint')} data-testid="unsynced-mark">
      {t('sync.notSynced')}
    </span>
  );
}
