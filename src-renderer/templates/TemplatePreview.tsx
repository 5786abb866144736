import { Fragment, type ReactNode } from 'react';
import { DRAFT_TEXT, type PlainBlock, type PlainDraft, type PlainInline } from '../../src-shared/drafting/index.js';
import { PLACEHOLDER } from './fill-form.js';

/** Text with the placeholders still to fill marked, so they stand out in the preview. */
function marked(text: string): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(
      <mark key={m.index} className="template-placeholder">
        {m[0]}
      </mark>,
    );
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function Inline({ content }: { content: readonly PlainInline[] }) {
  return (
    <>
      {content.map((c, i) => (
        <Fragment key={i}>{c.kind === 'text' ? marked(c.text) : c.kind === 'reference' ? c.text : <br />}</Fragment>
      ))}
    </>
  );
}

function Block({ block }: { block: PlainBlock }) {
  switch (block.kind) {
    case 'article':
      return (
        <section className="template-preview-article">
          <h4>
            {block.number} <Inline content={block.heading} />
          </h4>
          {block.blocks.map((b, i) => (
            <Block key={i} block={b} />
          ))}
        </section>
      );
    case 'clause':
    case 'item':
      return (
        <div className={`template-preview-${block.kind}`}>
          {block.blocks.map((b, i) =>
            i === 0 && b.kind === 'paragraph' ? (
              <p key={i}>
                <span className="template-preview-number">{block.number}</span>
                <Inline content={b.content} />
              </p>
            ) : (
              <Block key={i} block={b} />
            ),
          )}
        </div>
      );
    case 'paragraph':
      return (
        <p>
          <Inline content={block.content} />
        </p>
      );
    default:
      return null; // tables and page breaks: the gallery has none, the editor shows them
  }
}

/** The filled document as it would be created, read-only, in its own language. */
export function TemplatePreview({ draft, label }: { draft: PlainDraft; label: string }) {
  return (
    // It scrolls on its own, so it takes the focus: keyboard people scroll it with the arrow keys.
    <article className="template-preview" lang={draft.language} aria-label={label} tabIndex={0}>
      <h3 className="template-preview-title">{marked(draft.title)}</h3>
      {draft.parties.map((p) => (
        <p key={p.partyId} className="template-preview-party">
          {p.role}
          {DRAFT_TEXT.partySeparator[draft.language]}
          {p.name}
        </p>
      ))}
      {draft.recitals.map((r, i) => (
        <p key={i}>
          <Inline content={r.content} />
        </p>
      ))}
      {draft.body.map((b, i) => (
        <Block key={i} block={b} />
      ))}
      {draft.signatures.map((s) => (
        <p key={s.partyId} className="template-preview-signature">
          {s.labels.seal}
        </p>
      ))}
    </article>
  );
}
