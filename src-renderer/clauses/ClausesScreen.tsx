import { useI18n } from '../i18n/I18nProvider.js';
import { ClausePanel } from './ClausePanel.js';

/**
 * The clause library on its own (nav 条款库): search, read, edit (a new revision), tags and where
 * each clause is used, with a way to the contracts that hold it. Saving and inserting happen in a
 * contract's draft, where the same panel sits beside the editor.
 */
export function ClausesScreen({ onOpenContract }: { onOpenContract: (contractId: string) => void }) {
  const { t } = useI18n();
  return (
    <div className="screen clauses-screen">
      <header className="screen-header">
        <h1>{t('clauses.title')}</h1>
        <p className="muted">{t('clauses.screenIntro')}</p>
      </header>
      <ClausePanel onOpenContract={onOpenContract} />
    </div>
  );
}
