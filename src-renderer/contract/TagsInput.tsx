import { useState } from 'react';
import type { FieldControlProps } from '../ui/Field.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Icon } from '../ui/Icon.js';
import { MAX_TAG_LENGTH } from './metadata-draft.js';

/** Tags as removable chips; Enter (or a comma) adds what was typed, Backspace in the empty box removes the last. */
export function TagsInput({ value, onChange, control }: { value: string[]; onChange: (tags: string[]) => void; control: FieldControlProps }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const commit = (raw: string) => {
    const tag = raw
      .replace(/[,，]+$/, '')
      .trim()
      .slice(0, MAX_TAG_LENGTH);
    setText('');
    if (tag && !value.includes(tag)) onChange([...value, tag]);
  };
  return (
    <div className="tags-input">
      {value.map((tag) => (
        <span key={tag} className="tag-chip">
          {tag}
          <button type="button" className="tag-remove" aria-label={t('field.removeTag', { tag })} onClick={() => onChange(value.filter((x) => x !== tag))}>
            <Icon name="close" size={12} />
          </button>
        </span>
      ))}
      <input
        {...control}
        type="text"
        value={text}
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (/[,，]$/.test(next)) commit(next);
          else setText(next);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(text);
          } else if (e.key === 'Backspace' && !text && value.length) onChange(value.slice(0, -1));
        }}
        onBlur={() => text.trim() && commit(text)}
      />
    </div>
  );
}
