import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import { Node as ProseMirrorNode } from 'prosemirror-model';
import * as Y from 'yjs';
import type { Contract } from '../../../src-shared/api/index.js';
import { draftFragment, draftSchema, type PlainDraft } from '../../../src-shared/drafting/index.js';
import { InkstoneError, isErrorCode, isInkstoneError } from '../../../src-shared/errors/index.js';
import type { Language } from '../../../src-shared/i18n/index.js';
import type { Drafts } from '../drafting/index.js';
import {
  comparableBlocks,
  compareVersions,
  draftFromImport,
  exportDocx,
  exportPdf,
  importDocx,
  layoutOfDraft,
  layoutOfRedline,
  type ImportedDraft,
} from '../drafting-export/index.js';
import type { DraftPoint, Redline } from '../../../src-shared/api/draft-files.js';
import { importFiles, type Library } from '../library/index.js';

/**
 * A draft's files: the PDF that becomes the contract's signable document (through the library's own
 * import, so it is inspected, stored and audited like any PDF), the DOCX sent to a counterparty, the
 * DOCX they send back (a new draft version, never a half-written draft), and redlines between versions.
 */
export interface DraftFilesContext {
  library: Library;
  drafts: Drafts;
}

const plainAt = (ctx: DraftFilesContext, contractId: string, at: DraftPoint): PlainDraft =>
  ctx.drafts.plain(contractId, at === 'current' ? undefined : at.versionId);

/** The title as a file name: characters no file system takes (and control characters) left out. */
const pdfName = (title: string): string =>
  `${
    Array.from(title)
      .filter((c) => c >= ' ' && !'\\/:*?"<>|'.includes(c))
      .join('')
      .slice(0, 100) || 'draft'
  }.pdf`;

/** The document drafting's exports go to: the contract's first document whose first version came from a draft. */
function exportedDocument(contract: Contract): Contract['documents'][number] | undefined {
  return contract.documents.find((d) => d.versions[0]?.origin === 'drafting');
}

export interface ExportedPdf {
  bytes: Uint8Array;
  documentId: string;
  versionId: string;
  /** The version's number in its document: 1 for the first export. */
  number: number;
}

/**
 * Typeset the draft and store the PDF as the next version of the contract's drafted document (the
 * first export creates that document: version 1). Nothing is stored if typesetting fails.
 */
export async function exportDraftPdf(ctx: DraftFilesContext, contractId: string, options: { createdAt?: Date } = {}): Promise<ExportedPdf> {
  const draft = plainAt(ctx, contractId, 'current');
  const bytes = await exportPdf(layoutOfDraft(draft), options);
  const before = exportedDocument(ctx.library.getContract(contractId));
  const [outcome] = await importFiles(ctx.library, [{ name: pdfName(draft.title), bytes }], { contractId, documentId: before?.id, origin: 'drafting' });
  if (!outcome?.ok) {
    const code = outcome?.error.code;
    throw new InkstoneError(isErrorCode(code) ? code : 'INTERNAL', outcome?.error.details ?? {});
  }
  const document = exportedDocument(ctx.library.getContract(contractId));
  const version = document?.versions.at(-1);
  if (!document || !version) throw new InkstoneError('INTERNAL', { reason: 'the exported PDF was not recorded' });
  return { bytes, documentId: document.id, versionId: version.id, number: version.number };
}

export async function exportDraftDocx(ctx: DraftFilesContext, contractId: string, at: DraftPoint = 'current'): Promise<{ bytes: Uint8Array; title: string }> {
  const draft = plainAt(ctx, contractId, at);
  return { bytes: await exportDocx(layoutOfDraft(draft)), title: draft.title };
}

export interface DocxImportResult {
  draftId: string;
  /** The draft version the import became. */
  versionId: string;
  /** The version it replaced (compare the two for the counterparty's changes); null for a new draft. */
  previousVersionId: string | null;
  lost: ImportedDraft['lost'];
}

/**
 * Read a DOCX into the contract's draft. A contract without a draft gets one made from the file; a
 * draft already there takes the file's content as one change (so a copy open elsewhere merges it)
 * and a named version "导入 file.docx", its latest version before the import kept to compare with.
 * The file is read and checked completely first: a file that fails leaves the draft untouched.
 */
export async function importDraftDocx(
  ctx: DraftFilesContext,
  contractId: string,
  file: { name: string; bytes: Uint8Array },
  language: Language,
): Promise<DocxImportResult> {
  const imported = await importDocx(file.name, file.bytes);
  const contract = ctx.library.getContract(contractId);
  const existing = openDraft(ctx, contractId);
  // The parties (and so the signature blocks) stay those of the draft, or of the contract for a new one.
  const parties = existing
    ? ctx.drafts.plain(contractId).parties
    : contract.parties.map((p) => ({ partyId: p.id, role: p.role, name: p.name, organisation: p.organisation, registrationNumber: p.registrationNumber }));
  const draftLanguage = existing?.language ?? language;
  const doc = draftFromImport(imported, { title: contract.title, parties, language: draftLanguage });
  const versionName = file.name.slice(0, 100);
  if (!existing) {
    const session = ctx.drafts.create(contractId, draftLanguage, doc);
    const version = ctx.drafts.saveVersion(session.draftId, versionName);
    return { draftId: session.draftId, versionId: version.id, previousVersionId: null, lost: imported.lost };
  }
  const previous = ctx.drafts.versions(contractId).at(-1)!;
  const node = ProseMirrorNode.fromJSON(draftSchema, doc);
  node.check();
  const ydoc = ctx.drafts.ydoc(contractId);
  try {
    const before = Y.encodeStateVector(ydoc);
    ydoc.transact(() => prosemirrorToYXmlFragment(node, draftFragment(ydoc)));
    ctx.drafts.applyUpdate(existing.draftId, Y.encodeStateAsUpdate(ydoc, before));
  } finally {
    ydoc.destroy();
  }
  const version = ctx.drafts.saveVersion(existing.draftId, versionName);
  return { draftId: existing.draftId, versionId: version.id, previousVersionId: previous.id, lost: imported.lost };
}

function openDraft(ctx: DraftFilesContext, contractId: string): ReturnType<Drafts['open']> | null {
  try {
    return ctx.drafts.open(contractId);
  } catch (err) {
    if (isInkstoneError(err) && err.code === 'DRAFT_NOT_FOUND') return null;
    throw err;
  }
}

/** Compare two points of a draft's history: the redline the person reads, accepts and rejects. */
export function draftRedline(
  ctx: DraftFilesContext,
  contractId: string,
  from: DraftPoint,
  to: DraftPoint,
): { redline: Redline; from: PlainDraft; to: PlainDraft } {
  if (from !== 'current' && to !== 'current' && from.versionId === to.versionId) throw new InkstoneError('DRAFT_REDLINE_SAME_VERSION');
  const a = plainAt(ctx, contractId, from);
  const b = plainAt(ctx, contractId, to);
  return { redline: compareVersions(comparableBlocks(a), comparableBlocks(b)), from: a, to: b };
}

/** A redline as a PDF, headed with the two versions' names, in the draft's language. */
export async function draftRedlinePdf(
  ctx: DraftFilesContext,
  contractId: string,
  from: DraftPoint,
  to: DraftPoint,
  names: { from: string; to: string },
): Promise<Uint8Array> {
  const { redline, to: draft } = draftRedline(ctx, contractId, from, to);
  return exportPdf(layoutOfRedline(redline, { title: draft.title, from: names.from, to: names.to, language: draft.language }));
}
