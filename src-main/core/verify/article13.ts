import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Language } from '../../../src-shared/i18n/index.js';
import type { SignatureResult } from '../../../src-shared/api/verification.js';
import type { CertificateInfo, ParsedSignedData } from '../pki/index.js';
import { message } from './messages.js';

/**
 * Article 13 of the PRC Electronic Signature Law — when an electronic signature is "reliable" —
 * checked as far as a document can show it. (1) The creation data belongs to the signer alone: a
 * certificate that states its key sits in a secure signature-creation device (ETSI QcSSCD, or a
 * QSCD/NCP+ policy). A PKCS#12 file cannot be told apart from a token by the document, so the result
 * is then "unknown", never "met". (2) Sole control when signing: a secure device plus a recorded
 * intent (CMS commitment-type-indication). (3) and (4) come from integrity, coverage and the
 * modification analysis.
 */

const QC_STATEMENTS = '1.3.6.1.5.5.7.1.3';
/** id-etsi-qcs-QcSSCD (ETSI EN 319 412-5). */
const QC_SSCD = '0.4.0.1862.1.4';
/** ETSI EN 319 411 policies that require the key in a secure device: QCP-n-qscd, QCP-l-qscd, NCP+. */
const SECURE_DEVICE_POLICIES = new Set(['0.4.0.194112.1.2', '0.4.0.194112.1.3', '0.4.0.2042.1.2']);

/** Whether the certificate says its key is held in a secure signature-creation device. */
export function keyOnSecureDevice(cert: CertificateInfo): boolean {
  if (cert.policies.some((p) => SECURE_DEVICE_POLICIES.has(p))) return true;
  if (!cert.extensions.some((e) => e.oid === QC_STATEMENTS)) return false;
  try {
    const decoded = new pkijs.Certificate({ schema: asn1js.fromBER(cert.der.slice().buffer).result });
    const ext = decoded.extensions?.find((e) => e.extnID === QC_STATEMENTS);
    const statements = ext ? asn1js.fromBER(ext.extnValue.valueBlock.valueHexView.slice().buffer).result : null;
    if (!(statements instanceof asn1js.Sequence)) return false;
    return statements.valueBlock.value.some(
      (s) =>
        s instanceof asn1js.Sequence && s.valueBlock.value[0] instanceof asn1js.ObjectIdentifier && s.valueBlock.value[0].valueBlock.toString() === QC_SSCD,
    );
  } catch {
    return false; // an unreadable statement states nothing
  }
}

export function article13(
  signer: CertificateInfo | null,
  cms: ParsedSignedData | null,
  integrity: SignatureResult['integrity'],
  coverage: SignatureResult['coverage'],
  modifications: SignatureResult['modifications'],
  lang: Language,
): SignatureResult['article13'] {
  const secure = signer !== null && keyOnSecureDevice(signer);
  const commitment = cms?.signedAttributes?.commitmentType;
  const coversDocument = coverage === 'entire-file' || coverage === 'entire-revision';
  return {
    exclusiveKey: secure
      ? { status: 'met', message: message('A13_KEY_SECURE_DEVICE', {}, lang) }
      : { status: 'unknown', message: message('A13_KEY_UNKNOWN', {}, lang) },
    soleControl:
      secure && commitment
        ? { status: 'met', message: message('A13_CONTROL_INTENT', { commitment }, lang) }
        : { status: 'unknown', message: message('A13_CONTROL_UNKNOWN', {}, lang) },
    signatureIntegrity:
      integrity === 'intact'
        ? { status: 'met', message: message('A13_SIGNATURE_INTACT', {}, lang) }
        : { status: 'not-met', message: message('A13_SIGNATURE_BROKEN', {}, lang) },
    documentIntegrity:
      integrity === 'intact' && coversDocument && modifications !== 'disallowed'
        ? { status: 'met', message: message('A13_DOCUMENT_INTACT', {}, lang) }
        : { status: 'not-met', message: message('A13_DOCUMENT_CHANGED', {}, lang) },
  };
}
