import { useRef, useState, type KeyboardEvent } from 'react';
import type { Command, EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { redoCommand, undoCommand } from 'y-prosemirror';
import type { Contract } from '../../src-shared/api/index.js';
import { NODE } from '../../src-shared/drafting/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { PlainKey } from '../i18n/messages.js';
import {
  insertPageBreak,
  insertRecital,
  insertTable,
  markDefinition,
  markTermUse,
  syncParties,
  toggleBold,
  toggleItalic,
  toggleUnderline,
} from './block-commands.js';
import { insertOutlineUnit, moveOutlineUnit } from './outline-commands.js';
import { ReferenceDialog } from './ReferenceDialog.js';

interface Tool {
  id: string;
  label: PlainKey;
  /** What the button shows when it is not the label itself (B, I, U, ↑, ↓). */
  glyph?: string;
  command: Command;
}

const GROUPS: readonly (readonly Tool[])[] = [
  [
    { id: 'article', label: 'draft.insert.article', command: insertOutlineUnit(NODE.article) },
    { id: 'clause', label: 'draft.insert.clause', command: insertOutlineUnit(NODE.clause) },
    { id: 'item', label: 'draft.insert.item', command: insertOutlineUnit(NODE.item) },
    { id: 'recital', label: 'draft.insert.recital', command: insertRecital },
    { id: 'table', label: 'draft.insert.table', command: insertTable() },
    { id: 'page-break', label: 'draft.insert.pageBreak', command: insertPageBreak },
  ],
  [
    { id: 'definition', label: 'draft.insert.definition', command: markDefinition },
    { id: 'term-use', label: 'draft.insert.termUse', command: markTermUse },
  ],
  [
    { id: 'move-up', label: 'draft.move.up', glyph: '↑', command: moveOutlineUnit(-1) },
    { id: 'move-down', label: 'draft.move.down', glyph: '↓', command: moveOutlineUnit(1) },
    { id: 'bold', label: 'draft.format.bold', glyph: 'B', command: toggleBold },
    { id: 'italic', label: 'draft.format.italic', glyph: 'I', command: toggleItalic },
    { id: 'underline', label: 'draft.format.underline', glyph: 'U', command: toggleUnderline },
    { id: 'undo', label: 'draft.undo', glyph: '↶', command: undoCommand },
    { id: 'redo', label: 'draft.redo', glyph: '↷', command: redoCommand },
  ],
];

/**
 * The editor's toolbar: insert, terms, move, format, history, find. One tab stop; arrow keys move
 * between buttons (the ARIA toolbar pattern). Buttons keep the editor's selection (no focus steal
 * on mouse down) and are disabled where their command cannot apply.
 */
export function DraftToolbar({
  view,
  state,
  contract,
  onFind,
}: {
  view: EditorView;
  state: EditorState;
  contract: Contract;
  onFind: (replace: boolean) => void;
}) {
  const { t } = useI18n();
  const bar = useRef<HTMLDivElement>(null);
  const [referencing, setReferencing] = useState(false);
  const [notice, setNotice] = useState('');
  const run = (command: Command) => {
    command(view.state, view.dispatch, view);
    view.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End') return;
    const buttons = Array.from(bar.current!.querySelectorAll<HTMLButtonElement>('button:not([disabled])'));
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    e.preventDefault();
    buttons[next]?.focus();
  };
  const button = (tool: Tool) => (
    <button
      key={tool.id}
      type="button"
      className={tool.glyph ? `btn btn-icon draft-tool draft-tool-${tool.id}` : 'btn draft-tool'}
      data-tool={tool.id}
      title={t(tool.label)}
      aria-label={tool.glyph ? t(tool.label) : undefined}
      disabled={!tool.command(state)}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => run(tool.command)}
    >
      {tool.glyph ?? t(tool.label)}
    </button>
  );
  return (
    <>
      <div className="draft-toolbar" role="toolbar" aria-label={t('draft.toolbar')} ref={bar} onKeyDown={onKeyDown}>
        {GROUPS.map((group, i) => (
          <div className="draft-tool-group" key={i}>
            {group.map(button)}
            {i === 0 && (
              <>
                <button
                  type="button"
                  className="btn draft-tool"
                  data-tool="reference"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => setReferencing(true)}
                >
                  {t('draft.insert.reference')}
                </button>
                <button
                  type="button"
                  className="btn draft-tool"
                  data-tool="signatures"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    const changed = syncParties(contract.parties)(view.state, view.dispatch);
                    setNotice(changed ? '' : t('draft.signaturesCurrent'));
                    view.focus();
                  }}
                >
                  {t('draft.insert.signatures')}
                </button>
              </>
            )}
          </div>
        ))}
        <div className="draft-tool-group">
          <button type="button" className="btn draft-tool" data-tool="find" title={t('draft.find')} onClick={() => onFind(true)}>
            {t('draft.find.label')}
          </button>
        </div>
      </div>
      <p className="draft-notice muted" role="status">
        {notice}
      </p>
      {referencing && (
        <ReferenceDialog
          state={state}
          onClose={() => {
            setReferencing(false);
            // After the dialog has handed focus back to the button that opened it.
            requestAnimationFrame(() => view.focus());
          }}
          onInsert={(command) => {
            setReferencing(false);
            command(view.state, view.dispatch, view);
            requestAnimationFrame(() => view.focus());
          }}
        />
      )}
    </>
  );
}
