import type { CertificateInfo } from '../pki/index.js';
import { addSignaturePlaceholder, addSignatureWidgets, type IncrementalUpdate, type SignaturePlaceholder, type SignatureWidget } from '../pdf/index.js';
import type { SignDocumentRequest } from './request.js';

/**
 * The objects of one signature in its revision: the appearance the person chose (a seal and text,
 * further boxes, a cross-page seal, or nothing), the signature field and its widgets, and the signature
 * dictionary with its placeholder.
 */

/** What the revision shows and reserves. */
export interface SignatureRevisionOptions {
  readonly fieldName: string;
  readonly signer: CertificateInfo;
  readonly signingTime: Date;
  /** Bytes reserved for the CMS. */
  readonly contentsSize: number;
}

export interface SignatureRevision {
  readonly placeholder: SignaturePlaceholder;
  readonly visible: boolean;
  readonly crossPageSeal: boolean;
}

export async function addSignatureRevision(
  update: IncrementalUpdate,
  request: SignDocumentRequest,
  options: SignatureRevisionOptions,
): Promise<SignatureRevision> {
  const { signer, signingTime } = options;
  const signerName = signer.subject.commonName ?? signer.subject.text;
  const facts = {
    signer: signerName,
    organisation: organisationOf(signer),
    time: signingTime,
    ...(request.reason ? { reason: request.reason } : {}),
    ...(request.location ? { location: request.location } : {}),
  };
  // pdf-lib and fontkit take a second to load: only a visible signature pays for them.
  const drawing = request.appearance || request.stamps?.length ? await import('./appearance.js') : undefined;
  const visible = request.appearance ? await drawing!.addVisibleAppearance(update, request.appearance, facts) : undefined;
  // Every further box is one more widget of this field, drawn in this revision: the signature covers it.
  const stamps: SignatureWidget[] = [];
  for (const stamp of request.stamps ?? [])
    stamps.push(await drawing!.addStampAppearance(update, stamp, facts, request.appearance?.language ?? 'zh-CN', request.appearance?.timeZone));
  const slices: SignatureWidget[] = request.crossPageSeal ? await (await import('./cross-page-seal.js')).addCrossPageSeal(update, request.crossPageSeal) : [];
  const placeholder = addSignaturePlaceholder(
    update,
    {
      fieldName: options.fieldName,
      ...(visible ? { page: visible.pageIndex, rect: visible.rect, appearance: visible.form } : {}),
      ...(request.lockFields ? { lock: request.lockFields } : {}),
    },
    {
      kind: 'signature',
      signingTime,
      name: signerName,
      ...(request.reason !== undefined ? { reason: request.reason } : {}),
      ...(request.location !== undefined ? { location: request.location } : {}),
      ...(request.contactInfo !== undefined ? { contactInfo: request.contactInfo } : {}),
      ...(request.certify ? { certify: request.certify } : {}),
      contentsSize: options.contentsSize,
    },
  );
  if (stamps.length || slices.length) addSignatureWidgets(update, placeholder, [...stamps, ...slices]);
  return { placeholder, visible: visible !== undefined || stamps.length > 0, crossPageSeal: slices.length > 0 };
}

/** The subject's organisation (O), as the seal and the record name it. */
export function organisationOf(cert: CertificateInfo): string | null {
  return cert.subject.attributes.find((a) => a.type === 'O')?.value ?? null;
}
