import { useEffect, useId, useRef, useState } from 'react';
import type { Command, EditorState } from 'prosemirror-state';
import { NUMBERED_LEVEL } from '../../src-shared/drafting/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { insertReference } from './block-commands.js';
import { currentNumbers } from './numbering-plugin.js';

/** The articles, sub-clauses and items one may refer to: number and the start of their text. */
function targets(state: EditorState) {
  const numbers = currentNumbers(state);
  const out: { id: string; text: string; level: number }[] = [];
  state.doc.descendants((node) => {
    const level = NUMBERED_LEVEL[node.type.name];
    if (level) {
      const number = numbers.get(node.attrs.id as string);
      const first = node.firstChild?.textContent.slice(0, 40) ?? '';
      if (number) out.push({ id: node.attrs.id as string, text: `${number.label} ${first}`.trim(), level });
    }
    return !node.isTextblock;
  });
  return out;
}

/** Picks what a cross-reference points at; it then reads 第五条 / clause 5.2 and follows moves. */
export function ReferenceDialog({ state, onInsert, onClose }: { state: EditorState; onInsert: (command: Command) => void; onClose: () => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const options = targets(state);
  const [target, setTarget] = useState(options[0]?.id ?? '');
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog draft-reference-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (target) onInsert(insertReference(target));
        }}
      >
        <h2 id={titleId}>{t('draft.reference.title')}</h2>
        {options.length === 0 ? (
          <p>{t('draft.reference.none')}</p>
        ) : (
          <label className="field">
            <span className="field-label">{t('draft.reference.target')}</span>
            <select size={Math.min(10, Math.max(options.length, 2))} value={target} onChange={(e) => setTarget(e.target.value)} autoFocus>
              {options.map((o) => (
                <option key={o.id} value={o.id} className={`draft-reference-level-${o.level}`}>
                  {o.text}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!target}>
            {t('draft.reference.insert')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
