import { useApi } from '../api/ApiContext.js';
import { useLoader } from '../hooks/useLoader.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { Spinner } from '../ui/Spinner.js';
import { auditActionLabel, auditDetailLines } from './audit-text.js';

/** Who did what, when — newest first — and whether the hash chain behind it is intact. */
export function AuditTimeline({ contractId, version }: { contractId: string; version: string }) {
  const api = useApi();
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const audit = useLoader(() => api.contracts.audit({ id: contractId }), [api, contractId, version]);

  return (
    <section className="section" aria-labelledby="audit-title">
      <div className="section-header">
        <h2 id="audit-title">{t('audit.title')}</h2>
        {audit.data && (
          <span
            className={audit.data.chainIntact ? 'chain-badge chain-intact' : 'chain-badge chain-broken'}
            title={t(audit.data.chainIntact ? 'audit.intactHint' : 'audit.brokenHint')}
          >
            <Icon name={audit.data.chainIntact ? 'shield' : 'shieldOff'} />
            {t(audit.data.chainIntact ? 'audit.intact' : 'audit.broken')}
          </span>
        )}
      </div>
      {audit.data && <p className="muted">{t(audit.data.chainIntact ? 'audit.intactHint' : 'audit.brokenHint')}</p>}
      {audit.error ? (
        <ErrorBanner error={audit.error} title={t('audit.loadError')} onRetry={audit.reload} />
      ) : !audit.data ? (
        <Spinner label={t('common.loading')} />
      ) : audit.data.events.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <ol className="timeline">
          {[...audit.data.events].reverse().map((e) => (
            <li key={e.seq} className={`timeline-item timeline-${e.action.split('.')[0]}`}>
              <span className="timeline-dot" aria-hidden="true" />
              <div className="timeline-body">
                <div className="timeline-head">
                  <strong>{auditActionLabel(i18n, e.action)}</strong>
                  <time dateTime={e.at}>{fmt.dateTime(e.at)}</time>
                </div>
                {auditDetailLines(i18n, e).map((line, i) => (
                  <div key={i} className="timeline-detail">
                    {line}
                  </div>
                ))}
                <div className="timeline-meta muted">
                  {t('audit.by', { actor: e.actor })} · #{e.seq} ·{' '}
                  <span className="mono" title={e.hash}>
                    {e.hash.slice(0, 10)}
                  </span>
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
