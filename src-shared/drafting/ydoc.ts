/**
 * A draft's state as a Yjs document, so two offline copies merge without losing either side's
 * text: the ProseMirror document lives in the XML fragment `DRAFT_FRAGMENT` (y-prosemirror's
 * layout), the draft's language in the map `DRAFT_META`.
 */
import { Node as ProseMirrorNode } from 'prosemirror-model';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import * as Y from 'yjs';
import { isLanguage, type Language } from '../i18n/index.js';
import type { DraftNodeJSON } from './plain.js';
import { draftSchema } from './schema.js';

export const DRAFT_FRAGMENT = 'prosemirror';
export const DRAFT_META = 'draft';

export const draftFragment = (ydoc: Y.Doc) => ydoc.getXmlFragment(DRAFT_FRAGMENT);

/** A new Yjs document holding `doc` (checked against the schema) in `language`. */
export function newDraftYDoc(doc: DraftNodeJSON, language: Language): Y.Doc {
  const ydoc = new Y.Doc();
  const node = ProseMirrorNode.fromJSON(draftSchema, doc);
  node.check();
  ydoc.transact(() => {
    ydoc.getMap(DRAFT_META).set('language', language);
    prosemirrorToYXmlFragment(node, draftFragment(ydoc));
  });
  return ydoc;
}

/** The document a Yjs draft holds, as ProseMirror JSON (what `toPlainDraft` reads). */
export function draftJSON(ydoc: Y.Doc): DraftNodeJSON {
  return yXmlFragmentToProseMirrorRootNode(draftFragment(ydoc), draftSchema).toJSON() as DraftNodeJSON;
}

export function draftLanguage(ydoc: Y.Doc): Language {
  const value = ydoc.getMap(DRAFT_META).get('language');
  return isLanguage(value) ? value : 'zh-CN';
}
