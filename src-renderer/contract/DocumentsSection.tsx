import { useEffect, useState } from 'react';
import type { Contract } from '../../src-shared/api/index.js';
import { FilePickerButton } from '../import/FilePickerButton.js';
import { ImportPanel } from '../import/ImportPanel.js';
import { useImportJob } from '../import/useImportJob.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PlacementEditor } from '../placement/PlacementEditor.js';
import { useSealLooks } from '../placement/useSealLooks.js';
import { SigningDialog } from '../signing/SigningDialog.js';
import { SignatureUpgradeNote, useSignatureUpgrades } from '../sync/SignatureUpgradeNote.js';
import { Icon } from '../ui/Icon.js';

function latestVersionId(contract: Contract): string | null {
  const doc = contract.documents[0];
  return doc?.versions[doc.versions.length - 1]?.id ?? null;
}

function isSigned(contract: Contract, versionId: string): boolean {
  return contract.documents.some((d) => d.versions.some((v) => v.id === versionId && v.signatureFieldCount > 0));
}

/** Only a document's latest version can be signed: a signature adds the next one. */
function isLatest(contract: Contract, versionId: string): boolean {
  return contract.documents.some((d) => d.versions[d.versions.length - 1]?.id === versionId);
}

function documentNameOf(contract: Contract, versionId: string): string {
  return contract.documents.find((d) => d.versions.some((v) => v.id === versionId))?.name ?? '';
}

/** The contract's documents with every immutable version; the chosen version is shown beside the list. */
export function DocumentsSection({ contract, onVerify }: { contract: Contract; onVerify?: (versionId: string, name: string) => void }) {
  const i18n = useI18n();
  const { t, fmt, plural } = i18n;
  const importJob = useImportJob(contract.id);
  const seals = useSealLooks();
  const [selected, setSelected] = useState<string | null>(() => latestVersionId(contract));
  const [signing, setSigning] = useState(false);
  const upgrades = useSignatureUpgrades(contract);

  useEffect(() => {
    const exists = contract.documents.some((d) => d.versions.some((v) => v.id === selected));
    if (!exists) setSelected(latestVersionId(contract));
  }, [contract, selected]);

  return (
    <section className="section documents" aria-labelledby="documents-title">
      <div className="section-header">
        <h2 id="documents-title">{t('documents.title')}</h2>
        <FilePickerButton className="btn" onFiles={importJob.start} disabled={importJob.state.phase === 'reading' || importJob.state.phase === 'running'}>
          <Icon name="plus" /> {t('documents.add')}
        </FilePickerButton>
      </div>
      <ImportPanel job={importJob} />
      {contract.documents.length === 0 ? (
        <p className="muted empty-inline">{t('documents.empty')}</p>
      ) : (
        <div className="documents-layout">
          <ul className="document-list" aria-label={t('documents.listLabel')}>
            {contract.documents.map((d) => (
              <li key={d.id} className="document">
                <div className="document-name">
                  <Icon name="file" /> {d.name}
                </div>
                <ul className="version-list">
                  {[...d.versions].reverse().map((v) => (
                    <li key={v.id}>
                      <button
                        type="button"
                        className={v.id === selected ? 'version version-current' : 'version'}
                        aria-pressed={v.id === selected}
                        onClick={() => setSelected(v.id)}
                      >
                        <span className="version-number">{t('documents.version', { number: v.number })}</span>
                        <span className="version-meta">
                          {t(`documents.origin.${v.origin}`)} · {fmt.dateTime(v.createdAt)}
                        </span>
                        <span className="version-meta">
                          {plural('documents.pages', v.pageCount)} · {fmt.bytes(v.size)}
                          {v.signatureFieldCount > 0 && <> · {plural('documents.signatures', v.signatureFieldCount)}</>}
                        </span>
                        {v.verdict && (
                          <span className={`version-verdict verify-tone-${v.verdict}`} title={t('documents.verdictHint')}>
                            {t(`verify.verdict.${v.verdict}`)}
                          </span>
                        )}
                        <SignatureUpgradeNote upgrades={upgrades} versionId={v.id} />
                        <span className="version-hash mono" title={v.sha256}>
                          {t('documents.fingerprint', { hash: `${v.sha256.slice(0, 12)}…` })}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <div className="document-view">
            {selected && (
              <PlacementEditor
                key={selected}
                seals={seals}
                versionId={selected}
                actions={
                  <>
                    {isLatest(contract, selected) && (
                      <button type="button" className="btn btn-primary" onClick={() => setSigning(true)}>
                        <Icon name="edit" /> {t('signing.open')}
                      </button>
                    )}
                    {onVerify && isSigned(contract, selected) && (
                      <button type="button" className="btn" onClick={() => onVerify(selected, documentNameOf(contract, selected))}>
                        <Icon name="shield" /> {t('documents.verify')}
                      </button>
                    )}
                  </>
                }
              />
            )}
            {selected && (
              <SigningDialog
                open={signing}
                versionId={selected}
                documentName={documentNameOf(contract, selected)}
                onClose={() => setSigning(false)}
                onSigned={(outcome) => setSelected(outcome.versionId)}
              />
            )}
          </div>
        </div>
      )}
    </section>
  );
}
