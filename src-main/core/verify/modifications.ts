import { findSignatures, PdfRef, type PdfDocument, type PdfRect, type PdfView } from '../pdf/index.js';
import type { AttackClass, ChangeCategory } from '../../../src-shared/api/verification.js';
import { rectOf } from './geometry.js';
import type { SignatureReading } from './integrity.js';
import { sameValue } from './object-diff.js';
import type { RoleMap } from './object-roles.js';
import { findOverlays } from './overlay.js';
import { isAllowed, type SignaturePermissions } from './permissions.js';
import type { DrawnChange, RevisionAnalysis, RevisionChange } from './revision-changes.js';

/**
 * What happened to the document after one signature, judged against what the signature allows,
 * and which attack classes the evidence points to. Revision analyses are shared by all signatures;
 * this adds what is specific to one: its permissions, its signature dictionary as signed, its byte
 * range, and the overlays over its signed pages.
 */

export interface JudgedChange extends RevisionChange {
  readonly allowed: boolean;
}

export interface Attack {
  readonly class: AttackClass;
  readonly code: string;
  readonly params: Record<string, string | number>;
}

export interface ModificationJudgement {
  readonly verdict: 'none' | 'allowed' | 'disallowed';
  readonly changes: readonly JudgedChange[];
  readonly attacks: readonly Attack[];
  /** Corpus-style finding codes (PAGE_DIFFERENCE, UNDEFINED_CHANGES…). */
  readonly findings: readonly string[];
}

/** The shared facts about the document's revisions. */
export interface RevisionFacts {
  readonly analyses: ReadonlyMap<number, RevisionAnalysis>;
  /** Role maps of the revisions that were mapped. */
  readonly roleMaps: ReadonlyMap<number, RoleMap>;
  /** Revisions that could not be read (their changes are unknown, hence disallowed). */
  readonly unreadable: ReadonlySet<number>;
}

const SHADOW: Partial<Record<DrawnChange, AttackClass>> = {
  removed: 'shadow-hide',
  redefined: 'shadow-hide',
  visibility: 'shadow-hide',
  font: 'shadow-replace',
  appearance: 'shadow-replace',
  nested: 'shadow-hide',
  revealed: 'shadow-hide-and-replace',
};
const ATTACK_CODES: Record<AttackClass, string> = {
  'universal-signature-forgery': 'ATTACK_USF',
  'signature-wrapping': 'ATTACK_SWA',
  'signature-spoofing': 'ATTACK_SPOOFING',
  'incremental-saving': 'ATTACK_ISA',
  'shadow-hide': 'ATTACK_SHADOW_HIDE',
  'shadow-replace': 'ATTACK_SHADOW_REPLACE',
  'shadow-hide-and-replace': 'ATTACK_SHADOW_HIDE_AND_REPLACE',
  'annotation-overlay': 'ATTACK_OVERLAY',
};
const CORPUS_CATEGORY: Partial<Record<ChangeCategory, string>> = {
  annotation: 'ANNOTATION_CHANGES',
  'form-fill': 'FORM_FILL_OR_SIGNATURE_CHANGES',
  signature: 'FORM_FILL_OR_SIGNATURE_CHANGES',
  dss: 'EXTENSION_CHANGES',
  'document-timestamp': 'EXTENSION_CHANGES',
  other: 'UNDEFINED_CHANGES',
  content: 'VISUAL_DIFFERENCE',
};

/**
 * Does the signature dictionary shown now equal the one in the revision the signature covers? A
 * dictionary copied into a later revision with another /Reason, /M or /Name keeps a valid CMS while
 * telling a different story (signature spoofing).
 */
export function dictionaryAsSigned(doc: PdfDocument, reading: SignatureReading, signedRevision: number): boolean {
  const { info, byteRange } = reading;
  if (info.revision <= signedRevision && info.revision >= 0) return true;
  const br = info.byteRange;
  if (!br || br.length !== 4) return false;
  const view = doc.asOf(signedRevision);
  const original = findSignatures(view).find((s) =>
    s.contentsSpan
      ? s.contentsSpan.start === br[1] && s.contentsSpan.end === br[2]
      : byteRange.gapIsContents && s.contents !== null && info.contents !== null && Buffer.from(s.contents).equals(Buffer.from(info.contents)),
  );
  return original !== undefined && sameValue(view, original.dict, doc, info.dict);
}

/** Rectangles of signature appearances and of all annotations, per page, as of a revision. */
function annotationLayout(view: PdfView, roles: RoleMap): { signatures: Map<number, PdfRect[]>; all: Map<number, PdfRect[]> } {
  const signatures = new Map<number, PdfRect[]>();
  const all = new Map<number, PdfRect[]>();
  roles.pages.forEach((page, i) => {
    for (const annot of view.getArray(view.getDict(page)?.get('Annots')) ?? []) {
      const r = rectOf(view, view.getDict(annot)?.get('Rect'));
      if (!r) continue;
      all.set(i, [...(all.get(i) ?? []), r]);
      if (annot instanceof PdfRef && roles.roles.get(annot.num)?.has('signature-field')) signatures.set(i, [...(signatures.get(i) ?? []), r]);
    }
  });
  return { signatures, all };
}

export interface JudgeInput {
  readonly doc: PdfDocument;
  readonly reading: SignatureReading;
  /** The revision the signature covers. */
  readonly signedRevision: number;
  readonly permissions: SignaturePermissions;
  readonly facts: RevisionFacts;
  readonly tick: () => void;
}

export function judgeModifications(input: JudgeInput): ModificationJudgement {
  const { doc, reading, signedRevision, permissions, facts, tick } = input;
  const changes: JudgedChange[] = [];
  const attacks: Attack[] = [];
  const findings = new Set<string>();
  const attack = (cls: AttackClass, params: Record<string, string | number> = {}) => {
    if (!attacks.some((a) => a.class === cls)) attacks.push({ class: cls, code: ATTACK_CODES[cls], params });
  };
  const disallow = (category: ChangeCategory, code: string, params: Record<string, string | number>) =>
    changes.push({ revision: signedRevision, category, code, params, objects: [], allowed: false });

  // The signature itself: forgery, wrapping, spoofing.
  const br = reading.byteRange;
  const contents = reading.info.contents;
  if (
    br.findings.some((f) => f === 'BYTERANGE_MISSING' || f === 'BYTERANGE_MALFORMED' || f === 'CONTENTS_MISSING') ||
    (contents !== null && contents.every((b) => b === 0))
  ) {
    attack('universal-signature-forgery');
  }
  if (br.unsignedGapBytes > 0) {
    attack('signature-wrapping', { bytes: br.unsignedGapBytes });
    disallow('other', 'CHANGE_UNSIGNED_BYTES', { bytes: br.unsignedGapBytes });
  }
  if (br.hashable && !dictionaryAsSigned(doc, reading, signedRevision)) {
    attack('signature-spoofing');
    findings.add('SIGNATURE_DICTIONARY_INCONSISTENT');
    disallow('other', 'CHANGE_DICTIONARY_INCONSISTENT', {});
  }

  // Every later revision.
  const last = doc.revisions.length - 1;
  const added = [];
  for (let k = signedRevision + 1; k <= last; k++) {
    if (facts.unreadable.has(k)) {
      changes.push({ revision: k, category: 'other', code: 'CHANGE_UNREADABLE', params: {}, objects: [], allowed: false });
      continue;
    }
    const analysis = facts.analyses.get(k);
    if (!analysis) continue;
    for (const change of analysis.changes) changes.push({ ...change, allowed: isAllowed(change, permissions) });
    added.push(...analysis.addedAnnotations);
    if (analysis.pagesBefore !== analysis.pagesAfter) findings.add('PAGE_DIFFERENCE');
  }

  // Overlays over what this signature signed.
  const signedRoles = facts.roleMaps.get(signedRevision);
  if (added.length && signedRoles) {
    const view = doc.asOf(signedRevision);
    const layout = annotationLayout(view, signedRoles);
    const { overlays, overlaps } = findOverlays(view, added, layout.signatures, layout.all, tick);
    for (const o of overlays) {
      attack('annotation-overlay', { page: o.page });
      findings.add('ANNOTATION_OVERLAP');
      const code = o.covers === 'text' ? 'CHANGE_OVERLAY_TEXT' : o.covers === 'image' ? 'CHANGE_OVERLAY_IMAGE' : 'CHANGE_OVERLAY_SIGNATURE';
      changes.push({ revision: o.revision, category: 'annotation', code, params: { page: o.page, subtype: o.subtype }, objects: [], allowed: false });
    }
    if (overlaps.length) findings.add('ANNOTATION_OVERLAP');
  }

  for (const c of changes) {
    const corpus = CORPUS_CATEGORY[c.category];
    if (corpus) findings.add(corpus);
    if (c.allowed || (c.category !== 'content' && !c.drawn)) continue;
    const shadow = c.drawn ? SHADOW[c.drawn] : undefined;
    attack(shadow ?? 'incremental-saving');
  }
  const disallowed = changes.some((c) => !c.allowed);
  const verdict = disallowed ? 'disallowed' : changes.length ? 'allowed' : 'none';
  return { verdict, changes, attacks, findings: [...findings] };
}
