import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EditorState, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import * as Y from 'yjs';
import type { Contract, DraftSession } from '../../src-shared/api/index.js';
import { draftFragment, draftSchema } from '../../src-shared/drafting/index.js';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { DraftAutosave, type AutosaveStatus } from './autosave.js';
import { cursorUnitId, draftPlugins, unitPosition } from './editor-setup.js';
import { FindBar } from './FindBar.js';
import { draftNodeViews } from './node-views.js';
import { DraftToolbar } from './DraftToolbar.js';
import { TermsPanel } from './TermsPanel.js';
import { VersionsPanel } from './VersionsPanel.js';
import { DraftFilesPanel } from '../draft-files/DraftFilesPanel.js';
import { ClausePanel } from '../clauses/ClausePanel.js';
import { VariablesPanel } from '../templates/VariablesPanel.js';

const SAVE_TEXT = { saved: 'draft.save.saved', saving: 'draft.save.saving', failed: 'draft.save.failed' } as const;

/**
 * The contract editor: a ProseMirror view over the draft's Yjs document, autosaved to the core as
 * Yjs updates, the cursor put back in the article it was in when the draft was last saved.
 */
export function DraftEditor({ session, contract, onReopen }: { session: DraftSession; contract: Contract; onReopen?: () => void }) {
  const api = useApi();
  const { t } = useI18n();
  const mount = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<EditorView | null>(null);
  const [state, setState] = useState<EditorState | null>(null);
  const [find, setFind] = useState<{ open: boolean; replace: boolean }>({ open: false, replace: false });
  const [saveStatus, setSaveStatus] = useState<AutosaveStatus>('saved');
  const ydoc = useMemo(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(
      doc,
      Uint8Array.from(atob(session.stateBase64), (c) => c.charCodeAt(0)),
    );
    return doc;
  }, [session.stateBase64]);
  const openFind = useCallback((replace: boolean) => setFind({ open: true, replace }), []);

  useEffect(() => {
    const autosave = new DraftAutosave(ydoc, {
      send: async (update, cursor) => {
        let binary = '';
        for (const b of update) binary += String.fromCharCode(b);
        await api.drafts.applyUpdate({ draftId: session.draftId, updateBase64: btoa(binary), cursorUnitId: cursor || undefined });
      },
      onStatus: (status) => setSaveStatus(status),
    });
    const editor = new EditorView(mount.current!, {
      state: EditorState.create({ schema: draftSchema, plugins: draftPlugins(draftFragment(ydoc), session.language, { openFind }) }),
      nodeViews: draftNodeViews(session.language),
      attributes: {
        class: 'draft-document',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': t('draft.editorLabel'),
        lang: session.language,
        spellcheck: 'false',
      },
      // `this` is the view: y-prosemirror dispatches while the view is still being constructed.
      dispatchTransaction(this: EditorView, tr) {
        const next = this.state.apply(tr);
        this.updateState(next);
        setState(next);
        autosave.noteCursor(cursorUnitId(next));
      },
    });
    // Back to the article the cursor was in when the draft was last saved.
    const at = unitPosition(editor.state, session.cursorUnitId);
    if (at !== null) {
      editor.dispatch(editor.state.tr.setSelection(TextSelection.near(editor.state.doc.resolve(at + 1))).scrollIntoView());
    }
    setView(editor);
    setState(editor.state);
    editor.focus();
    const flushNow = () => void autosave.flush();
    window.addEventListener('pagehide', flushNow);
    document.addEventListener('visibilitychange', flushNow);
    return () => {
      window.removeEventListener('pagehide', flushNow);
      document.removeEventListener('visibilitychange', flushNow);
      void autosave.flush().finally(() => autosave.destroy());
      editor.destroy();
    };
    // The editor is made once per opened draft (the app's language changing does not remake it).
  }, [ydoc, session.draftId, session.language, session.cursorUnitId, api, openFind]);

  return (
    <div className="draft-editor">
      {view && state && <DraftToolbar view={view} state={state} contract={contract} onFind={openFind} />}
      {view && state && find.open && (
        <FindBar
          view={view}
          state={state}
          withReplace={find.replace}
          onClose={() => {
            setFind({ open: false, replace: false });
            view.focus();
          }}
        />
      )}
      <div className="draft-workspace">
        <div className="draft-page" ref={mount} />
        <aside className="draft-side">
          <p className={`draft-save-status draft-save-${saveStatus}`} role="status">
            {t(SAVE_TEXT[saveStatus])}
          </p>
          {view && state && <ClausePanel editor={{ view, state, contractId: contract.id, language: session.language }} />}
          {/* drafting: a template's variables, changed later (templates/VariablesPanel.tsx) */}
          {view && state && <VariablesPanel view={view} state={state} ydoc={ydoc} contract={contract} language={session.language} />}
          {view && state && <TermsPanel view={view} state={state} />}
          <VersionsPanel contractId={contract.id} draftId={session.draftId} />
          <DraftFilesPanel contractId={contract.id} onDraftReplaced={() => onReopen?.()} />
        </aside>
      </div>
    </div>
  );
}
