import { useCallback, useEffect, useRef, useState } from 'react';
import type { Contract } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { useCoreEvents } from '../hooks/useCoreEvents.js';
import { useLoader } from '../hooks/useLoader.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { PlainKey } from '../i18n/messages.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { Spinner } from '../ui/Spinner.js';
import { DraftTab } from '../drafting/DraftTab.js';
import { AuditTimeline } from './AuditTimeline.js';
import { DocumentsSection } from './DocumentsSection.js';
import { FactSuggestions } from './FactSuggestions.js';
import { MetadataForm } from './MetadataForm.js';
import { PartiesSection } from './PartiesSection.js';
import { StatusMenu } from './StatusMenu.js';
import { UnsyncedMark } from '../sync/UnsyncedMark.js';
import { EvidenceTab } from '../sync/EvidenceTab.js';

const TABS = ['details', 'parties', 'draft', 'documents', 'evidence', 'audit'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Readonly<Record<Tab, PlainKey>> = {
  details: 'contract.tab.details',
  parties: 'contract.tab.parties',
  draft: 'contract.tab.draft',
  documents: 'contract.tab.documents',
  evidence: 'contract.tab.evidence',
  audit: 'contract.tab.audit',
};

/**
 * One contract: header with status, then details, parties, documents and the audit trail as tabs.
 * A tab once opened stays mounted (hidden), so switching tabs keeps what was typed in another;
 * focus moves to the contract's title when it has loaded, so keyboard and screen-reader users
 * start inside the screen.
 */
export function ContractScreen({ id, onBack, onVerify }: { id: string; onBack: () => void; onVerify?: (versionId: string, name: string) => void }) {
  const api = useApi();
  const { t, fmt } = useI18n();
  const loaded = useLoader(() => api.contracts.get({ id }), [api, id]);
  const [tab, setTab] = useState<Tab>('details');
  const [opened, setOpened] = useState<ReadonlySet<Tab>>(() => new Set(['details']));
  const show = (next: Tab) => {
    setTab(next);
    setOpened((o) => (o.has(next) ? o : new Set([...o, next])));
  };
  const heading = useRef<HTMLHeadingElement>(null);
  const loadedOnce = loaded.data !== undefined;
  useEffect(() => {
    if (loadedOnce) heading.current?.focus();
  }, [loadedOnce]);
  const { reload } = loaded;
  const contract = loaded.data;
  const onChanged = loaded.setData;

  useCoreEvents(
    useCallback(
      (e) => {
        if (e.type === 'library.changed' && e.contractIds.includes(id)) reload();
      },
      [id, reload],
    ),
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        e.key === 'Escape' &&
        !e.defaultPrevented &&
        !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) &&
        !(e.target instanceof Element && e.target.closest('dialog'))
      ) {
        // Handled here: the key must not also close the "unsaved changes" dialog it may open.
        e.preventDefault();
        onBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  return (
    <div className="screen contract-screen">
      <button type="button" className="btn btn-link back-link" onClick={onBack}>
        <Icon name="back" /> {t('contract.back')}
      </button>
      {loaded.error ? (
        <ErrorBanner error={loaded.error} title={t('contract.loadError')} onRetry={reload} />
      ) : !contract ? (
        <Spinner label={t('common.loading')} />
      ) : (
        <>
          <header className="screen-header contract-header">
            <div className="screen-heading">
              <h1 ref={heading} tabIndex={-1}>
                {contract.title}
              </h1>
              <span className="muted">{t('contract.updated', { date: fmt.dateTime(contract.updatedAt) })}</span>
              <UnsyncedMark contractId={contract.id} />
            </div>
            <StatusMenu contract={contract} onChanged={onChanged} />
          </header>
          <FactSuggestions contract={contract} onChanged={onChanged} />
          <div className="tabs" role="tablist" aria-label={t('contract.sections')}>
            {TABS.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                id={`tab-${name}`}
                aria-selected={tab === name}
                aria-controls={opened.has(name) ? `panel-${name}` : undefined}
                tabIndex={tab === name ? 0 : -1}
                className={tab === name ? 'tab tab-current' : 'tab'}
                onClick={() => show(name)}
                onKeyDown={(e) => {
                  const i = TABS.indexOf(name);
                  const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
                  if (next) {
                    e.preventDefault();
                    show(next);
                    document.getElementById(`tab-${next}`)?.focus();
                  }
                }}
              >
                {t(TAB_LABEL[name])}
                {name === 'parties' && contract.parties.length > 0 && <span className="tab-count">{contract.parties.length}</span>}
                {name === 'documents' && contract.documents.length > 0 && <span className="tab-count">{contract.documents.length}</span>}
              </button>
            ))}
          </div>
          {TABS.filter((name) => opened.has(name)).map((name) => (
            <div key={name} className="tab-panel" role="tabpanel" id={`panel-${name}`} aria-labelledby={`tab-${name}`} hidden={name !== tab}>
              <TabContent tab={name} contract={contract} onChanged={onChanged} onVerify={onVerify} />
            </div>
          ))}
        </>
      )}
    </div>
  );
}

function TabContent({
  tab,
  contract,
  onChanged,
  onVerify,
}: {
  tab: Tab;
  contract: Contract;
  onChanged: (c: Contract) => void;
  onVerify?: (versionId: string, name: string) => void;
}) {
  switch (tab) {
    case 'details':
      return <MetadataForm contract={contract} onSaved={onChanged} />;
    case 'parties':
      return <PartiesSection contract={contract} onChanged={onChanged} />;
    case 'draft':
      return <DraftTab contract={contract} />;
    case 'documents':
      return <DocumentsSection contract={contract} onVerify={onVerify} />;
    case 'evidence':
      return <EvidenceTab contract={contract} />;
    case 'audit':
      return <AuditTimeline contractId={contract.id} version={contract.updatedAt} />;
  }
}
