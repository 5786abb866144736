import { useEffect, useMemo, useRef, useState } from 'react';
import type { DraftTemplate, TemplateSummary } from '../../src-shared/api/index.js';
import { LANGUAGES } from '../../src-shared/i18n/index.js';
import { useApi, useFiles } from '../api/ApiContext.js';
import { useUnsavedEditor } from '../app/UnsavedChanges.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { FilePickerButton } from '../import/FilePickerButton.js';
import { saveFile } from '../pdf/save-file.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Spinner } from '../ui/Spinner.js';
import { checkForm, initialValues, previewDraft } from './fill-form.js';
import { TemplatePreview } from './TemplatePreview.js';
import { VariableField, type PartyChoice } from './VariableField.js';

const LANGUAGE_TEXT = { 'zh-CN': 'templates.language.zh-CN', en: 'templates.language.en' } as const;
const TEMPLATE_FILE = 'application/json,.json';

/**
 * 从模板新建 / New from a template: the gallery (ours in both languages, then imported files),
 * then the chosen template's fill form beside a live preview of the contract it makes. "Create"
 * makes the contract and its draft in the core (templates.createDraft, the code `inkstone draft
 * new --template` runs) and opens it.
 */
export function TemplateScreen({ onBack, onCreated }: { onBack: () => void; onCreated: (contractId: string) => void }) {
  const api = useApi();
  const files = useFiles();
  const { t, plural } = useI18n();
  const [list, setList] = useState<TemplateSummary[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [chosen, setChosen] = useState<{ summary: TemplateSummary; template: DraftTemplate } | null>(null);

  useEffect(() => {
    api.templates.list({}).then((r) => setList(r.templates), setFailure);
  }, [api]);

  const importFile = async (file: File) => {
    setFailure(null);
    setNotice(null);
    try {
      const imported = await api.templates.import({ uploadId: await files.upload(file, file.name) });
      setList((await api.templates.list({})).templates);
      setNotice(t('templates.imported', { title: imported.title }));
    } catch (err) {
      setFailure(err);
    }
  };
  const exportTemplate = async (s: TemplateSummary) => {
    try {
      const out = await api.templates.export({ id: s.id });
      saveFile(await files.download(out), out.name, 'application/json');
    } catch (err) {
      setFailure(err);
    }
  };
  const removeTemplate = async (s: TemplateSummary) => {
    try {
      setList((await api.templates.remove({ id: s.id })).templates);
    } catch (err) {
      setFailure(err);
    }
  };

  if (chosen)
    return (
      <FillForm
        key={chosen.summary.id}
        summary={chosen.summary}
        template={chosen.template}
        onOtherTemplate={() => setChosen(null)}
        onBack={onBack}
        onCreated={onCreated}
      />
    );

  return (
    <div className="screen template-screen">
      <header className="screen-header">
        <div className="screen-heading">
          <h1>{t('templates.title')}</h1>
        </div>
        <div className="screen-actions">
          <button type="button" className="btn" onClick={onBack}>
            {t('templates.back')}
          </button>
          <FilePickerButton className="btn" accept={TEMPLATE_FILE} multiple={false} onFiles={(f) => void importFile(f[0])}>
            {t('templates.import')}
          </FilePickerButton>
        </div>
      </header>
      {failure !== null && <ErrorBanner error={failure} title={list ? undefined : t('templates.loadError')} />}
      {notice && (
        <p className="template-notice" role="status">
          {notice}
        </p>
      )}
      {!list
        ? failure === null && <Spinner label={t('common.loading')} />
        : LANGUAGES.map((language) => (
            <section key={language} className="template-gallery" aria-labelledby={`template-gallery-${language}`}>
              <h2 id={`template-gallery-${language}`}>{t(LANGUAGE_TEXT[language])}</h2>
              <ul className="template-cards">
                {list
                  .filter((s) => s.language === language)
                  .map((s) => (
                    <li key={s.id} className="template-card" data-template={s.id}>
                      <button
                        type="button"
                        className="template-card-use"
                        aria-label={t('templates.use', { title: s.title })}
                        onClick={() => api.templates.get({ id: s.id }).then(setChosen, setFailure)}
                      >
                        <span className="template-card-title" lang={s.language}>
                          {s.title}
                        </span>
                        <span className="template-card-description muted" lang={s.language}>
                          {s.description}
                        </span>
                        <span className="template-card-meta muted">
                          {plural('templates.variables', s.variables)}
                          {s.source === 'imported' && ` · ${t('templates.source.imported')}`}
                        </span>
                      </button>
                      <span className="template-card-actions">
                        <button
                          type="button"
                          className="btn-link"
                          aria-label={t('templates.exportNamed', { title: s.title })}
                          onClick={() => void exportTemplate(s)}
                        >
                          {t('templates.export')}
                        </button>
                        {s.source === 'imported' && (
                          <button type="button" className="btn-link" onClick={() => void removeTemplate(s)}>
                            {t('templates.remove', { title: s.title })}
                          </button>
                        )}
                      </span>
                    </li>
                  ))}
              </ul>
            </section>
          ))}
    </div>
  );
}

function FillForm({
  summary,
  template,
  onOtherTemplate,
  onBack,
  onCreated,
}: {
  summary: TemplateSummary;
  template: DraftTemplate;
  onOtherTemplate: () => void;
  onBack: () => void;
  onCreated: (contractId: string) => void;
}) {
  const api = useApi();
  const { t, lang, plural, errorText } = useI18n();
  const [raw, setRaw] = useState<Record<string, string>>(() => initialValues(template));
  // Problems show once a field was left (or create was pressed), not while the person is typing its first character.
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [organisation, setOrganisation] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const created = useRef(false);
  const check = useMemo(() => checkForm(template, raw, lang), [template, raw, lang]);
  const preview = useMemo(() => previewDraft(template, raw, lang), [template, raw, lang]);
  const parties: PartyChoice[] = organisation ? [{ name: organisation, label: t('templates.party.organisation') }] : [];
  const problems = Object.keys(check.fields).filter((k) => check.fields[k].problem);

  useEffect(() => {
    api.organisation.get({}).then(
      (r) => setOrganisation(r.profile?.legalName ?? null),
      () => setOrganisation(null), // no profile: the party fields are typed
    );
  }, [api]);

  /** Makes the contract (the id), or shows why not (null). */
  const create = async (): Promise<string | null> => {
    setShown(new Set(template.variables.map((v) => v.key)));
    if (!check.ok) {
      // Keyboard people land on the first field to fix.
      form.current?.querySelector<HTMLElement>(`[data-variable="${problems[0]}"] input, input[data-variable="${problems[0]}"]`)?.focus();
      return null;
    }
    setBusy(true);
    setFailure(null);
    try {
      const made = await api.templates.createDraft({
        templateId: summary.id,
        values: Object.entries(check.values).map(([key, value]) => ({ key, value })),
      });
      created.current = true;
      return made.contractId;
    } catch (err) {
      setFailure(err);
      setBusy(false);
      return null;
    }
  };
  const submit = async () => {
    const id = await create();
    if (id) onCreated(id);
  };
  // Typed values are not lost silently: leaving asks, and "save" creates the contract. Read when
  // asked (a getter): once Create has made the contract, opening it must not ask.
  const edited = JSON.stringify(raw) !== JSON.stringify(initialValues(template));
  useUnsavedEditor({
    get dirty() {
      return edited && !created.current;
    },
    save: async () => (await create()) !== null,
  });

  return (
    <div className="screen template-screen template-fill">
      <header className="screen-header">
        <div className="screen-heading">
          <h1>{t('templates.fill', { title: summary.title })}</h1>
        </div>
        <div className="screen-actions">
          <button type="button" className="btn" onClick={onOtherTemplate}>
            {t('templates.otherTemplate')}
          </button>
          <button type="button" className="btn" onClick={onBack}>
            {t('templates.back')}
          </button>
        </div>
      </header>
      <div className="template-fill-body">
        <form
          ref={form}
          className="template-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {failure !== null && <ErrorBanner error={failure} />}
          {template.variables.map((spec) => {
            const problem = shown.has(spec.key) ? check.fields[spec.key]?.problem : undefined;
            return (
              <VariableField
                key={spec.key}
                spec={spec}
                value={raw[spec.key] ?? ''}
                problem={problem ? errorText(problem) : null}
                documentLanguage={template.language}
                parties={parties}
                onChange={(value) => {
                  setRaw((r) => ({ ...r, [spec.key]: value }));
                  // A checkbox, radio or picked date is done at once; a typed field once it is left.
                  if (spec.kind === 'yesno' || spec.kind === 'choice') setShown((s) => new Set([...s, spec.key]));
                }}
                onBlur={() => setShown((s) => new Set([...s, spec.key]))}
              />
            );
          })}
          <div className="template-form-actions">
            {shown.size > 0 && problems.some((k) => shown.has(k)) && (
              <p className="field-error" role="alert">
                {plural('templates.fixFirst', problems.filter((k) => shown.has(k)).length)}
              </p>
            )}
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('templates.creating') : t('templates.create')}
            </button>
          </div>
        </form>
        <section className="template-preview-pane" aria-labelledby="template-preview-title">
          <h2 id="template-preview-title">{t('templates.preview')}</h2>
          <p className="muted">{t('templates.previewHint')}</p>
          <TemplatePreview draft={preview} label={t('templates.preview')} />
        </section>
      </div>
    </div>
  );
}
