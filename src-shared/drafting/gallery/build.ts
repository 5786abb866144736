/**
 * Writing a gallery template compactly: articles as sentences where `{key}` marks a variable.
 * One sentence makes a plain paragraph; several make numbered sub-clauses.
 */
import type { DraftNodeJSON } from '../plain.js';
import { MARK, NODE } from '../schema.js';
import { placeholder } from '../fill.js';
import { TEMPLATE_FORMAT, TEMPLATE_VERSION, type DraftTemplate } from '../template-file.js';
import type { VariableSpec } from '../variables.js';
import type { Language } from '../../i18n/index.js';

export interface GalleryArticle {
  heading: string;
  /** A yes/no variable: the article is left out when it is "no". */
  condition?: string;
  sentences: string[];
}
export interface GalleryTemplate {
  name: string;
  language: Language;
  title: string;
  description: string;
  variables: VariableSpec[];
  recitals: string[];
  articles: GalleryArticle[];
}

export function buildTemplate(def: GalleryTemplate): DraftTemplate {
  const labels = new Map(def.variables.map((v) => [v.key, v]));
  let ids = 0;
  const id = () => `${def.name}-${++ids}`;
  const inline = (sentence: string): DraftNodeJSON[] =>
    sentence
      .split(/(\{[A-Za-z][A-Za-z0-9_]*\})/)
      .filter(Boolean)
      .map((part) => {
        const key = /^\{(.+)\}$/.exec(part)?.[1];
        const spec = key ? labels.get(key) : undefined;
        if (!spec) return { type: 'text', text: part };
        return { type: 'text', text: placeholder(spec), marks: [{ type: MARK.variable, attrs: { key: spec.key, filled: '' } }] };
      });
  const paragraph = (s: string): DraftNodeJSON => ({ type: NODE.paragraph, content: inline(s) });
  const article = (a: GalleryArticle): DraftNodeJSON => ({
    type: NODE.article,
    attrs: { id: id(), condition: a.condition ?? '' },
    content: [
      { type: NODE.articleHeading, content: inline(a.heading) },
      ...(a.sentences.length === 1
        ? [paragraph(a.sentences[0])]
        : a.sentences.map((s) => ({ type: NODE.clause, attrs: { id: id(), condition: '' }, content: [paragraph(s)] }))),
    ],
  });
  return {
    format: TEMPLATE_FORMAT,
    version: TEMPLATE_VERSION,
    name: def.name,
    language: def.language,
    title: def.title,
    description: def.description,
    variables: def.variables,
    document: {
      type: NODE.doc,
      content: [
        { type: NODE.title, content: inline(def.title) },
        { type: NODE.parties },
        { type: NODE.recitals, content: def.recitals.map((r) => ({ type: NODE.recital, content: inline(r) })) },
        { type: NODE.body, content: def.articles.map(article) },
        { type: NODE.signatures },
      ],
    },
  };
}

/** A variable with the gallery's defaults (required unless said otherwise). */
export const variable = (v: Omit<VariableSpec, 'required'> & { required?: boolean }): VariableSpec => ({ required: true, ...v });
