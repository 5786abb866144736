import type { Language } from '../../../src-shared/i18n/index.js';
import type { PinState, SigningCommitment, SigningLevel } from '../../../src-shared/api/index.js';
import type { VerificationResult, VerifyMessage } from '../../../src-shared/api/verification.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { checkSigningCertificate, parseCertificate, type CertificateInfo } from '../pki/index.js';
import { signDocument, type CrossPageSeal, type PagePlacement, type SigningRecord, type StampArt } from '../signing/index.js';
import { listTokenKeys, openPkcs11Signer, openPkcs12Signer, type Assurance, type CryptokiLoader, type Pin, type Signer } from '../tokens/index.js';
import { checkBeforeSigning, trustStoreFromFolder, verifyPdf } from '../verify/index.js';

/**
 * The signing ceremony's work that touches keys and PDFs, run in a long-work thread (never on the
 * core's thread: a token can take a second per call and pkcs11js is synchronous). It reads the key
 * for the dialog, signs a stored version into a new file and verifies the result at once. It never
 * touches the database; the core's thread stores what comes back. A PIN arrives as bytes, is
 * wiped by the token layer right after its one use, and is never retried.
 */

/** The key, as the thread receives it (a PKCS#12 file's bytes travel as bytes). */
export type KeyLocation =
  | { kind: 'pkcs11'; module: string; tokenSerial?: string; tokenLabel?: string; keyId?: string; keyLabel?: string }
  | { kind: 'pkcs12'; fileName: string; file: string | Uint8Array; keyLabel?: string };

export interface KeyPreview {
  certificate: {
    commonName: string | null;
    organisation: string | null;
    subject: string;
    issuer: string;
    serialNumber: string;
    sha256: string;
    notBefore: string;
    notAfter: string;
    problems: string[];
  };
  assurance: Assurance;
  keyDescription: string;
  pin: PinState | null;
}

export interface PrepareTask {
  source: string;
  name: string;
  key: KeyLocation;
  /** PKCS#12 only: its certificates may be encrypted under the password. */
  password?: Uint8Array;
  lang: Language;
  trustFolder: string;
  /** Run the check before signing (the dialog needs it; signing itself re-reads only the key). */
  check: boolean;
}

export interface PrepareResult {
  key: KeyPreview;
  check: { clean: boolean; findings: VerifyMessage[] } | null;
}

export interface SignTask {
  source: string;
  output: string;
  name: string;
  key: KeyLocation;
  pin?: Uint8Array;
  /** The certificate and kind of key the person consented to sign with. */
  expected: { certificateSha256: string; assurance: Assurance };
  level: SigningLevel;
  tsaUrl?: string;
  commitment: SigningCommitment;
  /** The boxes to stamp, all in this one signature; the first carries its appearance. */
  boxes: readonly SignTaskBox[];
  crossPageSeal?: CrossPageSeal;
  lang: Language;
  trustFolder: string;
  /** Verify the result with online revocation checks (the person's setting). */
  online: boolean;
}

/** A box with what it shows: the seal-library drawing, or written text (a date box: the signing time). */
export interface SignTaskBox {
  placement: PagePlacement;
  seal?: StampArt;
  text: 'date' | 'signer';
}

export interface SignResult {
  record: { fieldName: string; level: string; signingTime: string; sha256: string; size: number; assurance: Assurance; certificateSha256: string };
  verification: VerificationResult;
}

export type SigningProgress = (step: 'opening-key' | 'signing' | 'verifying') => void;

/** What a certificate cannot do now, in the person's language (each problem is a typed error's text). */
function certificateProblems(cert: CertificateInfo, lang: Language): string[] {
  try {
    checkSigningCertificate(cert, new Date());
    return [];
  } catch (err) {
    return [err instanceof InkstoneError ? err.localized(lang) : String(err)];
  }
}

function summarise(der: Uint8Array, lang: Language): KeyPreview['certificate'] {
  const cert = parseCertificate(der);
  return {
    commonName: cert.subject.commonName ?? null,
    organisation: cert.subject.attributes.find((a) => a.type === 'O')?.value ?? null,
    subject: cert.subject.text,
    issuer: cert.issuer.text,
    serialNumber: cert.serialNumber,
    sha256: cert.sha256,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    problems: certificateProblems(cert, lang),
  };
}

/** The certificate, the kind of key and the PIN state, without logging in. */
export async function previewKey(key: KeyLocation, lang: Language, password?: Uint8Array): Promise<KeyPreview> {
  if (key.kind === 'pkcs12') {
    if (!password) throw new InkstoneError('TOKEN_PIN_REQUIRED', { token: key.fileName, key: key.fileName });
    const signer = await openPkcs12Signer({ file: key.file, fileName: key.fileName, password, ...(key.keyLabel ? { keyLabel: key.keyLabel } : {}) });
    try {
      return { certificate: summarise(signer.certificate, lang), assurance: signer.assurance, keyDescription: key.fileName, pin: null };
    } finally {
      await signer.close();
    }
  }
  const contents = await listTokenKeys({ module: key.module, token: tokenSelector(key) });
  const entry = contents.keys.find((k) => (key.keyId ? k.id === key.keyId.toLowerCase() : key.keyLabel ? k.label === key.keyLabel : Boolean(k.certificate)));
  if (!entry?.certificate) throw new InkstoneError('TOKEN_KEY_NOT_FOUND', { token: contents.token.label, key: key.keyLabel ?? key.keyId ?? '*' });
  const flags = contents.token.flags;
  // Private keys hide until login on most tokens: a token key counts as hardware unless it says it can leave.
  const extractable = entry.privateKey?.extractable === true || entry.privateKey?.sensitive === false;
  return {
    certificate: summarise(entry.certificate, lang),
    assurance: extractable ? 'software-key' : 'hardware-token',
    keyDescription: [contents.token.label, contents.token.manufacturer, entry.label].filter(Boolean).join(' · '),
    pin: { tokenLabel: contents.token.label, pinPad: flags.pinPad, countLow: flags.pinCountLow, finalTry: flags.pinFinalTry, locked: flags.pinLocked },
  };
}

function tokenSelector(key: Extract<KeyLocation, { kind: 'pkcs11' }>) {
  return { ...(key.tokenLabel ? { label: key.tokenLabel } : {}), ...(key.tokenSerial ? { serial: key.tokenSerial } : {}) };
}

/** What the dialog shows before the PIN: the key, and the check before signing. */
export async function prepareSigning(task: PrepareTask): Promise<PrepareResult> {
  const key = await previewKey(task.key, task.lang, task.password);
  if (!task.check) return { key, check: null };
  return { key, check: await checkDocument(task) };
}

/** The check before signing (hidden content, overlays, failing earlier signatures), its findings in the person's language. */
export async function checkDocument(task: { source: string; name: string; lang: Language; trustFolder: string }): Promise<NonNullable<PrepareResult['check']>> {
  const check = await checkBeforeSigning(task.source, { name: task.name, lang: task.lang, trustStore: await trustStoreFromFolder(task.trustFolder) });
  const findings = check.clean ? [] : check.findings.filter((f) => f.code !== 'PRESIGN_CLEAN');
  return { clean: check.clean, findings };
}

/** Open the key with the PIN (a PKCS#12 file's password); `loader` lets tests count or fake the Cryptoki calls. */
export async function openSigner(key: KeyLocation, pin: Pin | undefined, loader?: CryptokiLoader): Promise<Signer> {
  if (key.kind === 'pkcs12') {
    if (pin === undefined) throw new InkstoneError('TOKEN_PIN_REQUIRED', { token: key.fileName, key: key.fileName });
    return openPkcs12Signer({ file: key.file, fileName: key.fileName, password: pin, ...(key.keyLabel ? { keyLabel: key.keyLabel } : {}) });
  }
  return openPkcs11Signer({
    module: key.module,
    token: tokenSelector(key),
    key: { ...(key.keyId ? { id: key.keyId } : {}), ...(key.keyLabel && !key.keyId ? { label: key.keyLabel } : {}) },
    ...(pin !== undefined ? { pin } : {}),
    ...(loader ? { loader } : {}),
  });
}

/** How a ceremony's signature is made, for one document or a batch: level, timestamp server, commitment, the trusted CAs to complete the chain. */
export function signatureOptions(task: Pick<SignTask, 'level' | 'tsaUrl' | 'commitment'>, anchors: ReadonlyArray<{ der: Uint8Array }>) {
  return {
    level: task.level,
    ...(task.tsaUrl ? { timestampUrls: [task.tsaUrl] } : {}),
    commitment: task.commitment,
    validationData: { certificates: anchors.map((a) => a.der) },
    allowOnline: task.level !== 'B-B',
  };
}

/** The person consented to one certificate and one kind of key: anything else does not sign. */
export function checkConsentedKey(signer: Signer, expected: SignTask['expected']): void {
  const cert = parseCertificate(signer.certificate);
  if (cert.sha256 !== expected.certificateSha256 || signer.assurance !== expected.assurance)
    throw new InkstoneError('SIGNING_KEY_CHANGED', { token: signer.keyDescription.tokenLabel ?? signer.keyDescription.fileName ?? '' });
}

/** Sign the stored version into `output`, then verify the result against the person's trust anchors. */
export async function signVersion(task: SignTask, progress: SigningProgress): Promise<SignResult> {
  progress('opening-key');
  const trustStore = await trustStoreFromFolder(task.trustFolder);
  const signer = await openSigner(task.key, task.pin);
  let record: SigningRecord;
  try {
    checkConsentedKey(signer, task.expected);
    progress('signing');
    const [first, ...more] = task.boxes;
    record = await signDocument({
      input: task.source,
      output: task.output,
      signer,
      ...signatureOptions(task, trustStore.anchors),
      ...(first ? { appearance: { placement: first.placement, ...(first.seal ? { seal: first.seal } : {}), language: task.lang } } : {}),
      stamps: more,
      ...(task.crossPageSeal ? { crossPageSeal: task.crossPageSeal } : {}),
    });
  } finally {
    await signer.close();
  }
  progress('verifying');
  const verification = await verifyPdf(task.output, { name: task.name, lang: task.lang, trustStore, online: task.online });
  return {
    record: {
      fieldName: record.fieldName,
      level: record.level,
      signingTime: record.signingTime.toISOString(),
      sha256: record.output.sha256,
      size: record.output.size,
      assurance: record.signer.assurance,
      certificateSha256: record.signer.certificateSha256,
    },
    verification,
  };
}
