/**
 * A draft's state as a Yjs document, so two offline copies merge without losing either side's
 * text: the ProseMirror document lives in the XML fragment `DRAFT_FRAGMENT` (y-prosemirror's
 * layout), the draft's language in the map `DRAFT_META`.
 */
import { Node as ProseMirrorNode } from 'prosemirror-model';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import * as Y from 'yjs';
import { InkstoneError } from '../errors/index.js';
import { isLanguage, type Language } from '../i18n/index.js';
import type { DraftNodeJSON } from './plain.js';
import { draftSchema } from './schema.js';

export const DRAFT_FRAGMENT = 'prosemirror';
export const DRAFT_META = 'draft';

export const draftFragment = (ydoc: Y.Doc) => ydoc.getXmlFragment(DRAFT_FRAGMENT);

/** A new Yjs document holding `doc` in `language`; a document the schema does not allow is refused (DRAFT_DOCUMENT_INVALID). */
export function newDraftYDoc(doc: DraftNodeJSON, language: Language): Y.Doc {
  let node: ProseMirrorNode;
  try {
    node = ProseMirrorNode.fromJSON(draftSchema, doc);
    node.check();
  } catch (err) {
    throw new InkstoneError('DRAFT_DOCUMENT_INVALID', { reason: String((err as Error)?.message ?? err).slice(0, 200) }, { cause: err });
  }
  const ydoc = new Y.Doc();
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
