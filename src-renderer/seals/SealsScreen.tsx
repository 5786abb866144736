import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { SEAL_FILE_MAX_BYTES, SEAL_TYPES, type OrganisationProfile, type Seal, type SealType } from '../../src-shared/api/index.js';
import { useApi, useFiles } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { PlainKey } from '../i18n/messages.js';
import { FilePickerButton } from '../import/FilePickerButton.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Field } from '../ui/Field.js';
import { Notice } from '../ui/Notice.js';
import { Spinner } from '../ui/Spinner.js';
import { SignaturePad, type PadStroke } from './SignaturePad.js';

const ORIGIN: Record<Seal['origin'], PlainKey> = {
  generated: 'seals.origin.generated',
  imported: 'seals.origin.imported',
  drawn: 'seals.origin.drawn',
  typed: 'seals.origin.typed',
};

/** What a creating panel reports: the new seal, or a failure to show. */
type Created = (seal: Seal) => void;

/**
 * 印章 / Seals: the organisation's company seals and the people's signatures, as they will be
 * stamped (previews on a checkerboard, so a transparent background shows as such). Seals are
 * generated from the organisation profile, imported, drawn or typed; disabling keeps them.
 */
export function SealsScreen({ onOpenSettings }: { onOpenSettings: () => void }) {
  const api = useApi();
  const { t } = useI18n();
  const [seals, setSeals] = useState<Seal[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [showDisabled, setShowDisabled] = useState(false);
  const [profile, setProfile] = useState<OrganisationProfile | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(() => {
    setLoadError(null);
    api.seals.list({ includeDisabled: showDisabled }).then((r) => setSeals(r.seals), setLoadError);
  }, [api, showDisabled]);
  useEffect(load, [load]);
  useEffect(() => {
    api.organisation.get({}).then(
      (r) => setProfile(r.profile),
      () => setProfile(null),
    );
  }, [api]);
  useEffect(() => heading.current?.focus(), []);

  const created: Created = (seal) => {
    setNotice(t('seals.createdDone', { name: seal.name }));
    load();
  };
  const disabled = (seal: Seal) => {
    setNotice(t('seals.disabledDone', { name: seal.name }));
    load();
  };

  return (
    <div className="screen seals-screen">
      <header className="screen-header">
        <div className="screen-heading">
          <h1 ref={heading} tabIndex={-1}>
            {t('seals.title')}
          </h1>
        </div>
        <label className="checkbox-line">
          <input type="checkbox" checked={showDisabled} onChange={(e) => setShowDisabled(e.currentTarget.checked)} />
          {t('seals.showDisabled')}
        </label>
      </header>
      <p className="muted seals-subtitle">{t('seals.subtitle')}</p>
      {notice && (
        <div className="seals-notice">
          <Notice tone="success">{notice}</Notice>
        </div>
      )}
      {loadError !== null ? (
        <ErrorBanner error={loadError} title={t('seals.loadError')} onRetry={load} />
      ) : !seals ? (
        <Spinner label={t('common.loading')} />
      ) : (
        <div className="seals-body">
          <section className="settings-group seals-section" aria-labelledby="company-seals-heading">
            <h2 id="company-seals-heading">{t('seals.companySeals')}</h2>
            <SealList seals={seals.filter((s) => s.category === 'seal')} empty={t('seals.noSeals')} onDisabled={disabled} />
            <div className="seals-panels">
              <GeneratePanel profile={profile} onCreated={created} onOpenSettings={onOpenSettings} />
              <ImportPanel onCreated={created} />
            </div>
          </section>
          <section className="settings-group seals-section" aria-labelledby="signatures-heading">
            <h2 id="signatures-heading">{t('seals.signatures')}</h2>
            <SealList seals={seals.filter((s) => s.category === 'signature')} empty={t('seals.noSignatures')} onDisabled={disabled} />
            <div className="seals-panels">
              <DrawPanel onCreated={created} />
              <TypePanel onCreated={created} />
            </div>
          </section>
        </div>
      )}
    </div>
  );
}

function SealList({ seals, empty, onDisabled }: { seals: Seal[]; empty: string; onDisabled: (seal: Seal) => void }) {
  const api = useApi();
  const { t, fmt } = useI18n();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!seals.length) return <p className="seals-empty">{empty}</p>;
  const disable = async (seal: Seal) => {
    setError(null);
    try {
      onDisabled(await api.seals.disable({ id: seal.id }));
    } catch (err) {
      setError(err);
    } finally {
      setConfirming(null);
    }
  };
  return (
    <>
      {error !== null && <ErrorBanner error={error} />}
      <ul className="seal-list">
        {seals.map((seal) => (
          <li key={seal.id} className={seal.disabledAt ? 'seal-item seal-item-disabled' : 'seal-item'} aria-label={seal.name}>
            <div className="checkerboard seal-preview">
              <img src={seal.preview} alt={t('seals.previewOf', { name: seal.name })} />
            </div>
            <div className="seal-facts">
              <strong>{seal.name}</strong>
              <span className="muted">
                {t(ORIGIN[seal.origin])}
                {seal.sealType && seal.sealType !== seal.name ? ` · ${seal.sealType}` : ''} · {t('seals.size', { width: seal.widthMm, height: seal.heightMm })}{' '}
                · {fmt.date(seal.createdAt.slice(0, 10))}
              </span>
              {seal.disabledAt && <span className="badge">{t('seals.disabledOn', { date: fmt.date(seal.disabledAt.slice(0, 10)) })}</span>}
            </div>
            {!seal.disabledAt && (
              <div className="seal-actions">
                {confirming === seal.id ? (
                  <>
                    <button type="button" className="btn btn-danger" onClick={() => void disable(seal)}>
                      {t('seals.confirmDisable', { name: seal.name })}
                    </button>
                    <button type="button" className="btn" onClick={() => setConfirming(null)}>
                      {t('common.cancel')}
                    </button>
                  </>
                ) : (
                  <button type="button" className="btn" onClick={() => setConfirming(seal.id)}>
                    {t('seals.disable')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Kind chooser with a live preview of the seal the organisation's name makes. */
function GeneratePanel({
  profile,
  onCreated,
  onOpenSettings,
}: {
  profile: OrganisationProfile | null | undefined;
  onCreated: Created;
  onOpenSettings: () => void;
}) {
  const api = useApi();
  const { t } = useI18n();
  const [type, setType] = useState<SealType>('合同专用章');
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!profile) return;
    let live = true;
    api.seals.previewRound({ sealType: type }).then(
      (r) => live && setPreview(r.preview),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, type, profile]);

  const generate = async () => {
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.seals.generate({ sealType: type }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="seals-panel">
      <h3>{t('seals.generate.title')}</h3>
      {profile === undefined ? (
        <Spinner label={t('common.loading')} />
      ) : profile === null ? (
        <div className="seals-needs-profile">
          <p>{t('seals.generate.needsProfile')}</p>
          <button type="button" className="btn" onClick={onOpenSettings}>
            {t('seals.generate.openSettings')}
          </button>
        </div>
      ) : (
        <form
          className="seals-form"
          onSubmit={(e) => {
            e.preventDefault();
            void generate();
          }}
        >
          <Field label={t('seals.generate.type')}>
            {(p) => (
              <select {...p} value={type} onChange={(e) => setType(e.currentTarget.value as SealType)}>
                {SEAL_TYPES.map((kind) => (
                  <option key={kind} value={kind}>
                    {kind}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="checkerboard seal-preview seal-preview-large">
            {preview ? (
              <img src={preview} alt={t('seals.generate.previewLabel', { type, name: profile.legalName })} />
            ) : (
              <Spinner label={t('common.loading')} />
            )}
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('seals.generate.action')}
          </button>
        </form>
      )}
      {error !== null && <ErrorBanner error={error} />}
    </div>
  );
}

function ImportPanel({ onCreated }: { onCreated: Created }) {
  const api = useApi();
  const files = useFiles();
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [asSignature, setAsSignature] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const importFile = async ([file]: File[]) => {
    setError(null);
    // Refused from its size alone, before it is sent (the core checks again).
    if (file.size > SEAL_FILE_MAX_BYTES) return setError({ code: 'SEAL_FILE_TOO_LARGE', details: { limit: `${SEAL_FILE_MAX_BYTES / 1024 / 1024} MiB` } });
    setBusy(true);
    try {
      const seal = await api.seals.import({
        uploadId: await files.upload(file, file.name),
        name: name.trim() || file.name.replace(/\.(png|svg)$/i, '').slice(0, 60),
        category: asSignature ? 'signature' : 'seal',
      });
      setName('');
      onCreated(seal);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="seals-panel">
      <h3>{t('seals.import.title')}</h3>
      <p className="muted">{t('seals.import.hint')}</p>
      <Field label={t('seals.import.name')}>
        {(p) => <input {...p} type="text" maxLength={60} value={name} onChange={(e) => setName(e.currentTarget.value)} />}
      </Field>
      <label className="checkbox-line">
        <input type="checkbox" checked={asSignature} onChange={(e) => setAsSignature(e.currentTarget.checked)} />
        {t('seals.import.asSignature')}
      </label>
      <FilePickerButton onFiles={(files) => void importFile(files)} accept="image/png,image/svg+xml,.png,.svg" multiple={false} disabled={busy}>
        {t('seals.import.choose')}
      </FilePickerButton>
      {error !== null && <ErrorBanner error={error} />}
    </div>
  );
}

const PAD = { width: 480, height: 160 };

/** A panel that is a form of its own: its title, its fields, its failure below them. */
function PanelForm({ title, onSubmit, error, children }: { title: string; onSubmit: () => Promise<void>; error: unknown; children: ReactNode }) {
  return (
    <form
      className="seals-panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <h3>{title}</h3>
      {children}
      {error !== null && <ErrorBanner error={error} />}
    </form>
  );
}

function DrawPanel({ onCreated }: { onCreated: Created }) {
  const api = useApi();
  const { t } = useI18n();
  const [strokes, setStrokes] = useState<PadStroke[]>([]);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setError(null);
    setProblem(!strokes.length ? t('seals.draw.empty') : !name.trim() ? t('validation.required') : null);
    if (!strokes.length || !name.trim()) return;
    try {
      const round = (v: number) => Math.round(v * 100) / 100;
      const seal = await api.seals.drawSignature({
        name: name.trim(),
        ...PAD,
        strokes: strokes.map((points) => ({ points: points.slice(0, 5000).map(([x, y, p]) => [round(x), round(y), round(p)] as [number, number, number]) })),
      });
      setStrokes([]);
      setName('');
      onCreated(seal);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <PanelForm title={t('seals.draw.title')} onSubmit={save} error={error}>
      <div className="signature-pad-frame">
        <SignaturePad label={t('seals.draw.pad')} strokes={strokes} onChange={setStrokes} {...PAD} />
      </div>
      <Field label={t('seals.signatureName')} required error={problem}>
        {(p) => <input {...p} type="text" maxLength={60} value={name} onChange={(e) => setName(e.currentTarget.value)} />}
      </Field>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => setStrokes([])}>
          {t('seals.draw.clear')}
        </button>
        <button type="submit" className="btn btn-primary">
          {t('seals.draw.save')}
        </button>
      </div>
    </PanelForm>
  );
}

function TypePanel({ onCreated }: { onCreated: Created }) {
  const api = useApi();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setError(null);
    setProblem(text.trim() ? null : t('validation.required'));
    if (!text.trim()) return;
    try {
      onCreated(await api.seals.typeSignature({ name: text.trim().slice(0, 60), text: text.trim() }));
      setText('');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <PanelForm title={t('seals.type.title')} onSubmit={save} error={error}>
      <Field label={t('seals.type.text')} hint={t('seals.type.hint')} required error={problem}>
        {(p) => <input {...p} type="text" maxLength={40} value={text} onChange={(e) => setText(e.currentTarget.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('seals.type.save')}
        </button>
      </div>
    </PanelForm>
  );
}
