import { memo, useCallback } from 'react';
import type { Reminder } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { useAppSettings } from '../app/AppSettings.js';
import { useCoreEvents } from '../hooks/useCoreEvents.js';
import { useLoader } from '../hooks/useLoader.js';
import { useI18n, type I18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';

const URGENT_DAYS = 7;
/** The panel lists the soonest ones; the rest are counted (the library's expiry filter shows them all). */
const SHOWN = 40;

export function relativeDays(i18n: I18n, daysLeft: number): string {
  if (daysLeft === 0) return i18n.t('relative.today');
  return daysLeft > 0 ? i18n.plural('relative.inDays', daysLeft) : i18n.plural('relative.overdue', -daysLeft);
}

/** Contracts expiring or up for renewal within the reminder horizon, soonest first. */
export const RemindersPanel = memo(function RemindersPanel({ onOpen, refreshKey }: { onOpen: (id: string) => void; refreshKey: number }) {
  const api = useApi();
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const { settings } = useAppSettings();
  const horizon = settings?.reminderHorizonDays;
  const reminders = useLoader(() => api.contracts.reminders(horizon ? { horizonDays: horizon } : {}), [api, horizon, refreshKey]);
  const { reload } = reminders;
  useCoreEvents(
    useCallback(
      (e) => {
        if (e.type === 'library.changed' || e.type === 'reminders.due') reload();
      },
      [reload],
    ),
  );

  return (
    <aside className="reminders" aria-label={t('reminders.label')}>
      <h2 className="panel-title">
        <Icon name="bell" /> {t('reminders.title')}
      </h2>
      {reminders.error ? (
        <ErrorBanner error={reminders.error} title={t('reminders.loadError')} onRetry={reload} />
      ) : !reminders.data ? (
        <p className="muted">{t('common.loading')}</p>
      ) : reminders.data.length === 0 ? (
        <p className="muted reminders-empty">{t('reminders.empty', { days: horizon ?? 30 })}</p>
      ) : (
        <ul className="reminder-list">
          {reminders.data.slice(0, SHOWN).map((r: Reminder) => (
            <li key={`${r.contractId}-${r.kind}-${r.date}`}>
              <button type="button" className={r.daysLeft <= URGENT_DAYS ? 'reminder reminder-urgent' : 'reminder'} onClick={() => onOpen(r.contractId)}>
                <span className="reminder-title">{r.title}</span>
                <span className="reminder-meta">
                  <span className={`reminder-kind reminder-kind-${r.kind}`}>{t(`reminders.kind.${r.kind}`)}</span>
                  <span>{fmt.date(r.date)}</span>
                  <span className="reminder-when">{relativeDays(i18n, r.daysLeft)}</span>
                </span>
              </button>
            </li>
          ))}
          {reminders.data.length > SHOWN && (
            <li className="reminders-more muted">{t('reminders.more', { count: fmt.integer(reminders.data.length - SHOWN) })}</li>
          )}
        </ul>
      )}
    </aside>
  );
});
