/**
 * A clause written as plain text (the CLI's --text, the clause editor's text box): one paragraph a
 * line, `{{key}}` a variable (shown as its placeholder until filled); with a heading, one article.
 * `clauseAsText` gives the same form back for editing, so an edit round-trips (bold and tables do not).
 */
import type { ClauseNodeJSON } from './api/clauses.js';

const VARIABLE = /(\{\{[A-Za-z][A-Za-z0-9_]{0,39}\}\})/;

export function clauseBlocksFromText(text: string, heading?: string): ClauseNodeJSON[] {
  const paragraphs = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line): ClauseNodeJSON => ({
      type: 'paragraph',
      content: line.split(VARIABLE).flatMap((part): ClauseNodeJSON[] => {
        if (!part) return [];
        const key = /^\{\{(.+)\}\}$/.exec(part)?.[1];
        return [key ? { type: 'text', text: key, marks: [{ type: 'variable', attrs: { key, filled: '' } }] } : { type: 'text', text: part }];
      }),
    }));
  if (!heading?.trim()) return paragraphs;
  return [
    {
      type: 'article',
      attrs: { id: '', condition: '' },
      content: [{ type: 'article_heading', content: [{ type: 'text', text: heading.trim() }] }, ...paragraphs],
    },
  ];
}

const inline = (node: ClauseNodeJSON): string => {
  if (node.type === 'text') {
    const key = node.marks?.find((m) => m.type === 'variable')?.attrs?.key;
    return typeof key === 'string' ? `{{${key}}}` : (node.text ?? '');
  }
  return (node.content ?? []).map(inline).join('');
};

/** The clause as heading (its first article's, if it is one article) and text lines with {{key}} variables. */
export function clauseAsText(blocks: readonly ClauseNodeJSON[]): { heading: string; text: string } {
  const lines: string[] = [];
  let heading = '';
  const walk = (node: ClauseNodeJSON) => {
    if (node.type === 'article_heading' && blocks.length === 1 && !heading) heading = inline(node);
    else if (node.type === 'paragraph' || node.type === 'article_heading') lines.push(inline(node));
    else (node.content ?? []).forEach(walk);
  };
  blocks.forEach(walk);
  return { heading, text: lines.join('\n') };
}
