/**
 * Keys and tokens: the signer's private key, on a PKCS#11 token (USB key, smart card, HSM) or in a
 * PKCS#12 file, behind one {@link Signer} interface the signing engine uses without caring which.
 *
 *   const signer = await openPkcs11Signer({ module, token: { label }, pin });
 *   try { for (const doc of batch) cms(doc, await signer.sign(tbs, { kind: 'rsa-pkcs1', hash: 'SHA-256' })); }
 *   finally { await signer.close(); }
 */
export type { Assurance, EcCurve, KeyAlgorithm, KeyDescription, Signer, SignParams } from './signer.js';
export type { Pin, PinPrompt, PinRequest } from './pin.js';
export type { PinSource } from './pkcs11-login.js';
export type { SlotSummary, TokenFlags, TokenSelector, TokenSummary } from './token-info.js';
export type { CertificateSummary, KeySelector, PrivateKeySummary, TokenKeyEntry } from './token-objects.js';
export type { Cryptoki, CryptokiLoader, CryptokiMechanism, CryptokiAttribute, CryptokiSlotInfo, CryptokiTokenInfo, Handle } from './cryptoki.js';

export { openPkcs11Signer, type Pkcs11SignerOptions } from './pkcs11-signer.js';
export { openPkcs12Signer, type Pkcs12SignerOptions } from './pkcs12-signer.js';
export { readPkcs12, type Pkcs12Contents, type Pkcs12Item } from './pkcs12-file.js';
export { listSlots, listTokenKeys, type ModuleOptions, type SlotListing, type TokenContents } from './pkcs11-inventory.js';
export { installedModules, knownModules, type KnownModule } from './known-modules.js';
export { CK, CKR, loadNativeCryptoki } from './cryptoki.js';
// The encodings and choices a signature goes through, exported for their unit tests.
export { digestInfo, ecdsaRawToDer, looksLikeDerEcdsa } from './signature-encoding.js';
export { planSignature } from './mechanisms.js';
export { issuingChain } from './certificates.js';
// What the signing devices screen (core/devices) reads: slots and objects of a module it holds loaded itself.
export { Pkcs11Module, modulesLoadedInThisThread } from './pkcs11-module.js';
export { readSlots } from './token-info.js';
export { readTokenObjects } from './token-objects.js';
export { ckrOf } from './cryptoki.js';
// Making a key pair on a token for a CA application, and storing the certificate the CA issues.
export {
  generateKeyPairOnToken,
  publicKeyId,
  storeCertificatesOnToken,
  TOKEN_KEY_SPECS,
  type NewTokenKey,
  type TokenKeySpec,
  type TokenWriteOptions,
} from './token-enrolment.js';
