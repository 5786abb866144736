/**
 * The signing engine: PAdES signatures (B-B, B-T, B-LT, B-LTA) made with a key on a PKCS#11 token
 * or in a PKCS#12 file, written as incremental updates that keep every earlier signature valid.
 * It orchestrates the pdf (reader, incremental writer), pki (CMS, timestamps, revocation) and tokens
 * (the `Signer`) capabilities; it reads no PDF and builds no CMS itself.
 *
 *   const signer = await openPkcs11Signer({ module, token: { label }, pin });   // one PIN entry
 *   try {
 *     const record = await signDocument({ input, output, signer, level: 'B-LT', timestampUrls: [tsa] });
 *     const batch = await signBatch({ documents, signer, signal, onProgress });      // same login
 *   } finally { await signer.close(); }
 *   await extendDocument({ input, output, level: 'B-LTA', timestampUrls: [tsa] });  // anyone's signed PDF
 *
 * Every function writes a new file (temp + fsync + rename) and never touches its input; every
 * failure is a typed InkstoneError and leaves no output.
 */
export type {
  EmbeddedChain,
  PadesLevel,
  PagePlacement,
  SignatureAppearance,
  CrossPageSeal,
  SignatureStamp,
  SignDocumentRequest,
  SignerIdentity,
  SigningRecord,
} from './request.js';
export { PADES_LEVELS, levelAtLeast } from './request.js';
export type { ValidationMaterial } from './validation-data.js';
export { SigningSession, type SigningSessionOptions } from './session.js';
export { signDocument } from './sign-document.js';
export { extendDocument, type ExtendDocumentRequest, type ExtensionRecord } from './extend-document.js';
export type { DssSummary } from './long-term.js';
export {
  signBatch,
  type BatchDocument,
  type BatchOutcome,
  type BatchProgress,
  type BatchResult,
  type BatchSignatureOptions,
  type SignBatchRequest,
} from './batch.js';
export { PendingOutput } from './pending-output.js';
export type { StampArt } from './seal-artwork.js';
export { localSigningTime } from './signing-time-text.js';
export { documentLanguage } from './document-language.js';
