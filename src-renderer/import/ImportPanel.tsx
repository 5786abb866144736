import { useState } from 'react';
import type { ImportOutcome } from '../../src-shared/api/index.js';
import { formatErrorMessage, isErrorCode } from '../../src-shared/errors/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { ProgressBar } from '../ui/ProgressBar.js';
import type { ImportJob } from './useImportJob.js';

/** Up to this many results are listed without asking; more are folded behind "Show details". */
const OPEN_UP_TO = 5;

/**
 * Progress of a running import, then a one-line summary and the files, failures first, in a list of
 * bounded height that folds away: a 200-file import must not push the library off the screen.
 */
export function ImportPanel({ job, onOpen }: { job: ImportJob; onOpen?: (contractId: string) => void }) {
  const { t } = useI18n();
  const { state } = job;
  // null: the default for this import (open when something failed or the list is short).
  const [open, setOpen] = useState<boolean | null>(null);
  if (state.phase === 'idle') return null;
  const busy = state.phase === 'reading' || state.phase === 'running';
  const imported = state.outcomes.filter((o) => o.ok && !o.duplicateOf).length;
  const duplicates = state.outcomes.filter((o) => o.ok && o.duplicateOf).length;
  const failed = state.outcomes.filter((o) => !o.ok).length;
  const expanded = open ?? (failed > 0 || state.outcomes.length <= OPEN_UP_TO);
  const ordered = [...state.outcomes.filter((o) => !o.ok), ...state.outcomes.filter((o) => o.ok)];

  return (
    <section className="import-panel" aria-label={t('import.progressLabel')}>
      {busy ? (
        <div className="import-progress">
          <div className="import-progress-text">
            <strong>
              {state.phase === 'reading' && state.done === 0
                ? t('import.reading', { count: state.fileCount })
                : t('import.progress', { done: state.done, total: state.fileCount })}
            </strong>
            {state.label && <span className="muted">{t('import.current', { name: state.label })}</span>}
          </div>
          <ProgressBar done={state.done} total={state.fileCount} label={t('import.progressLabel')} />
          <button type="button" className="btn btn-quiet" onClick={job.cancel}>
            {t('import.cancel')}
          </button>
        </div>
      ) : (
        <div className="import-summary">
          <strong>{t('import.summary', { imported, duplicates, failed })}</strong>
          {state.outcomes.length > 0 && (
            <button type="button" className="btn btn-quiet" aria-expanded={expanded} aria-controls="import-outcomes" onClick={() => setOpen(!expanded)}>
              {t(expanded ? 'import.hideDetails' : 'import.showDetails', { count: state.outcomes.length })}
            </button>
          )}
          <button
            type="button"
            className="btn btn-icon"
            onClick={() => (setOpen(null), job.dismiss())}
            aria-label={t('common.dismiss')}
            title={t('common.dismiss')}
          >
            <Icon name="close" />
          </button>
        </div>
      )}
      {state.phase === 'cancelled' && <p className="muted">{t('import.cancelled')}</p>}
      {state.phase === 'failed' && <ErrorBanner error={state.error} />}
      {state.outcomes.length > 0 && (
        <ul className="import-outcomes" id="import-outcomes" aria-label={t('import.resultsLabel')} hidden={!expanded && !busy}>
          {(busy ? state.outcomes : ordered).map((o, i) => (
            <OutcomeLine key={`${i}-${o.name}`} outcome={o} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OutcomeLine({ outcome, onOpen }: { outcome: ImportOutcome; onOpen?: (contractId: string) => void }) {
  const { t, lang } = useI18n();
  if (!outcome.ok) {
    const text = isErrorCode(outcome.error.code) ? formatErrorMessage(outcome.error.code, outcome.error.details, lang) : t('error.unexpected');
    return (
      <li className="outcome outcome-failed">
        <Icon name="alert" />
        <span className="outcome-name">{outcome.name}</span>
        <span className="outcome-state">{t('import.outcome.failed')}</span>
        <span className="outcome-reason">{text}</span>
      </li>
    );
  }
  const duplicate = Boolean(outcome.duplicateOf);
  return (
    <li className={duplicate ? 'outcome outcome-duplicate' : 'outcome outcome-ok'}>
      <Icon name={duplicate ? 'info' : 'check'} />
      <span className="outcome-name">{outcome.name}</span>
      <span className="outcome-state">{t(duplicate ? 'import.outcome.duplicate' : 'import.outcome.imported')}</span>
      {onOpen && (
        <button type="button" className="btn btn-link" onClick={() => onOpen(outcome.contractId)}>
          {t('common.open')}
        </button>
      )}
    </li>
  );
}
