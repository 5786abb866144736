import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';

/** A form with typed text: whether it differs from what is stored, and how to store it. */
export interface UnsavedEditor {
  dirty: boolean;
  /** Store the edits; false when they could not be (invalid or refused — the form shows why). */
  save(): Promise<boolean>;
}

interface UnsavedChangesValue {
  register(key: symbol, editor: () => UnsavedEditor): () => void;
  /**
   * Run `leave` at once when nothing is unsaved; otherwise ask first: save and leave, discard and
   * leave, or stay. Whatever leaves the place where text was typed goes through here.
   */
  guard(leave: () => void): void;
}

const UnsavedChangesContext = createContext<UnsavedChangesValue | null>(null);

type Editors = Map<symbol, () => UnsavedEditor>;
const dirtyIn = (editors: Editors) => [...editors.values()].map((e) => e()).filter((e) => e.dirty);

/**
 * Typed text is never lost without a word: every form with edits registers here, and leaving its
 * screen (Esc, "Back to library", the navigation, a drop that imports) asks first. Closing or
 * reloading the window with edits asks the browser's own question.
 */
export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const editors = useRef<Editors>(new Map());
  const [pending, setPending] = useState<(() => void) | null>(null);
  const [saving, setSaving] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  const register = useCallback((key: symbol, editor: () => UnsavedEditor) => {
    editors.current.set(key, editor);
    return () => void editors.current.delete(key);
  }, []);
  const guard = useCallback((leave: () => void) => {
    if (dirtyIn(editors.current).length === 0) leave();
    else setPending(() => leave);
  }, []);

  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (dirtyIn(editors.current).length) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (pending && !d.open) d.showModal();
    else if (!pending && d.open) d.close();
  }, [pending]);

  const stay = () => setPending(null);
  const discardAndLeave = () => {
    const leave = pending;
    setPending(null);
    leave?.();
  };
  const saveAndLeave = async () => {
    setSaving(true);
    try {
      const results = await Promise.all(dirtyIn(editors.current).map((e) => e.save()));
      if (results.every(Boolean)) discardAndLeave();
      else stay(); // the form now shows what is wrong
    } finally {
      setSaving(false);
    }
  };

  const value = useMemo(() => ({ register, guard }), [register, guard]);
  return (
    <UnsavedChangesContext.Provider value={value}>
      {children}
      <dialog ref={dialog} className="dialog" role="alertdialog" aria-labelledby="unsaved-title" aria-describedby="unsaved-body" onClose={stay}>
        <div className="dialog-body">
          <h2 id="unsaved-title">{t('unsaved.title')}</h2>
          <p id="unsaved-body">{t('unsaved.body')}</p>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={stay} autoFocus>
              {t('unsaved.stay')}
            </button>
            <button type="button" className="btn btn-danger" onClick={discardAndLeave} disabled={saving}>
              {t('unsaved.discard')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void saveAndLeave()} disabled={saving}>
              {saving ? t('common.working') : t('unsaved.save')}
            </button>
          </div>
        </div>
      </dialog>
    </UnsavedChangesContext.Provider>
  );
}

function useUnsavedChanges(): UnsavedChangesValue {
  const value = useContext(UnsavedChangesContext);
  if (!value) throw new Error('useUnsavedChanges outside UnsavedChangesProvider');
  return value;
}

/** Ask before `leave` when any form holds unsaved text. */
export function useLeaveGuard(): (leave: () => void) => void {
  return useUnsavedChanges().guard;
}

/** Register a form's edits for as long as it is mounted; the latest `editor` is read when asked. */
export function useUnsavedEditor(editor: UnsavedEditor): void {
  const { register } = useUnsavedChanges();
  const latest = useRef(editor);
  latest.current = editor;
  useEffect(() => register(Symbol('editor'), () => latest.current), [register]);
}
