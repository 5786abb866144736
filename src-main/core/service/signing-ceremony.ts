import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  PKCS12_MAX_BYTES,
  SigningRequest,
  SigningSignInput,
  type CoreEvent,
  type Language,
  type SigningOutcome,
  type SigningPreview,
} from '../../../src-shared/api/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { defineMessages, say } from '../../../src-shared/i18n/index.js';
import type { Library, VersionDetails } from '../library/index.js';
import type { SealLibrary } from '../seals/index.js';
import type { FileTransfers } from '../transfers/index.js';
import type { LongWork } from './long-work.js';
import { ceremonyStamps } from './ceremony-boxes.js';
import { storeSignedVersion } from './signed-version-store.js';
import type { KeyLocation, KeyPreview } from './signing-work.js';

/**
 * The signing ceremony (意愿确认) in the core: `signing.prepare` gathers what the dialog must show
 * (the document and its hash, the certificate, hardware or file, the check before signing, the
 * consent sentence), `signing.sign` signs the latest version with the PIN the person just typed,
 * verifies the result at once and stores it as the document's next version, with the consent in
 * the audit trail. The key work runs in a long-work thread; this module only looks up, checks and
 * stores. Nothing is stored unless everything succeeded: the signed file is written to a private
 * temp folder that is removed whatever happens.
 */

/** The sentence a person ticks before signing, in the UI language. Bound to the document's hash and the certificate. */
export const CONSENT = defineMessages({
  sentence: {
    'zh-CN':
      '本人确认已阅读《{title}》的文件“{document}”（第 {version} 版，共 {pages} 页，SHA-256：{sha256}），同意以 {signer} 的数字证书（颁发者：{issuer}；序列号：{serial}）对其进行电子签名，并知悉该电子签名与手写签名或盖章具有同等法律效力。',
    en: 'I have read “{document}” of “{title}” (version {version}, {pages} pages, SHA-256 {sha256}) and agree to sign it electronically with the certificate of {signer} (issuer: {issuer}; serial: {serial}), knowing that this electronic signature has the same legal effect as my handwritten signature or seal.',
  },
});

export function consentSentence(version: VersionDetails, certificate: KeyPreview['certificate'], lang: Language): string {
  return say(CONSENT.sentence, lang, {
    title: version.contractTitle,
    document: version.documentName,
    version: version.number,
    pages: version.pageCount,
    sha256: version.sha256,
    signer: [certificate.commonName ?? certificate.subject, certificate.organisation].filter(Boolean).join('，'),
    issuer: certificate.issuer,
    serial: certificate.serialNumber,
  });
}

interface CeremonyDeps {
  library: Library;
  seals: SealLibrary;
  transfers: FileTransfers;
  longWork: LongWork;
  trustFolder: () => string;
  /** Whether verification asks the CAs online (Settings → Verification). */
  verifyOnline: () => boolean;
}

type Request = z.output<typeof SigningRequest>;
export type CallCtx = { jobId?: string; emit: (event: CoreEvent) => void; signal: AbortSignal };

/** The key as the thread takes it: a PKCS#12 file's bytes decoded once. */
export async function keyLocation(key: Request['key'], transfers: FileTransfers): Promise<KeyLocation> {
  if (key.kind === 'pkcs11') return key;
  if ('path' in key) return { kind: 'pkcs12', fileName: path.basename(key.path), file: key.path, ...(key.keyLabel ? { keyLabel: key.keyLabel } : {}) };
  if (transfers.uploaded(key.uploadId).size > PKCS12_MAX_BYTES) throw new InkstoneError('BODY_TOO_LARGE', { limitBytes: PKCS12_MAX_BYTES });
  const { bytes, name } = await transfers.read(key.uploadId);
  return { kind: 'pkcs12', fileName: name, file: bytes };
}

/** A secret as bytes the token layer wipes after its one use. */
export const secretBytes = (secret: string | undefined): Uint8Array | undefined =>
  secret === undefined ? undefined : new Uint8Array(Buffer.from(secret, 'utf8'));

/** Counts ceremony steps using a token right now: the devices watch must not re-initialise its module meanwhile. */
export function tokenUse() {
  let inProgress = 0;
  const usingToken = async <T>(work: () => Promise<T>): Promise<T> => {
    inProgress++;
    try {
      return await work();
    } finally {
      inProgress--;
    }
  };
  return { usingToken, inProgress: () => inProgress };
}

export function signingCeremony({ library, seals, transfers, longWork, trustFolder, verifyOnline }: CeremonyDeps) {
  const { usingToken, inProgress } = tokenUse();
  /** The version to sign, which must be the latest of its document (a signature adds the next one). */
  const latest = (request: Request): VersionDetails => {
    const version = library.versionDetails(request.versionId);
    if (version.number !== version.latestNumber) throw new InkstoneError('SIGNING_VERSION_NOT_LATEST', { number: version.number });
    if (request.level !== 'B-B' && !request.tsaUrl) throw new InkstoneError('SIGN_TSA_REQUIRED', { level: request.level });
    return version;
  };

  const prepare = async (request: Request, ctx: CallCtx, options: { check: boolean; password?: string }) => {
    const version = latest(request);
    const source = library.store.pathFor(version.sha256);
    const password = secretBytes(options.password);
    try {
      const result = await longWork.run(
        {
          kind: 'signingPrepare',
          source,
          name: version.documentName,
          key: await keyLocation(request.key, transfers),
          ...(password ? { password } : {}),
          lang: request.lang,
          trustFolder: trustFolder(),
          check: options.check,
        },
        ctx.signal,
      );
      return { version, source, result };
    } finally {
      password?.fill(0);
    }
  };

  const handlers = {
    'signing.prepare': async (input: Request & { password?: string }, ctx: CallCtx): Promise<SigningPreview> => {
      const { version, result } = await prepare(input, ctx, { check: true, password: input.password });
      const seal = input.sealId ? (await seals.stamp(input.sealId)).seal : null;
      const { shown } = await ceremonyStamps(input, seals);
      return {
        contractId: version.contractId,
        contractTitle: version.contractTitle,
        documentId: version.documentId,
        documentName: version.documentName,
        versionId: version.versionId,
        versionNumber: version.number,
        nextVersionNumber: version.number + 1,
        sha256: version.sha256,
        pageCount: version.pageCount,
        sealName: seal?.name ?? null,
        boxes: shown,
        certificate: result.key.certificate,
        assurance: result.key.assurance,
        keyDescription: result.key.keyDescription,
        pin: result.key.pin,
        level: input.level,
        tsaUrl: input.tsaUrl ?? null,
        commitment: input.commitment,
        check: result.check ?? { clean: true, findings: [] },
        consentText: consentSentence(version, result.key.certificate, input.lang),
      };
    },

    'signing.sign': async (input: z.output<typeof SigningSignInput>, ctx: CallCtx): Promise<SigningOutcome> => {
      const consentedAt = new Date().toISOString();
      const step = (done: number, label: string) =>
        ctx.jobId && ctx.emit({ type: 'progress', jobId: ctx.jobId, operation: 'signing.sign', done, total: 4, label });
      step(0, 'checking');
      // The consent must be the sentence for this version and the certificate now on the key.
      const { version, source, result } = await prepare(input, ctx, { check: false, password: input.key.kind === 'pkcs12' ? input.pin : undefined });
      const consentText = consentSentence(version, result.key.certificate, input.lang);
      if (input.consent.text !== consentText) throw new InkstoneError('SIGNING_CONSENT_MISMATCH');

      const stamp = input.sealId ? await seals.stamp(input.sealId) : null;
      const stamps = await ceremonyStamps(input, seals);
      const folder = path.join(library.dataDir, `.inkstone-tmp-signing-${randomBytes(8).toString('hex')}`);
      const output = path.join(folder, 'signed.pdf');
      const pin = secretBytes(input.pin);
      const steps = { 'opening-key': 1, signing: 2, verifying: 3 } as Record<string, number>;
      try {
        const { record, verification } = await longWork.run(
          {
            kind: 'signing',
            source,
            output,
            name: version.documentName,
            key: await keyLocation(input.key, transfers),
            ...(pin ? { pin } : {}),
            expected: { certificateSha256: result.key.certificate.sha256, assurance: result.key.assurance },
            level: input.level,
            ...(input.tsaUrl ? { tsaUrl: input.tsaUrl } : {}),
            commitment: input.commitment,
            boxes: stamps.boxes,
            ...(stamps.crossPageSeal ? { crossPageSeal: stamps.crossPageSeal } : {}),
            lang: input.lang,
            trustFolder: trustFolder(),
            online: verifyOnline(),
          },
          ctx.signal,
          (s) => step(steps[s] ?? 1, s),
        );
        pin?.fill(0);
        const added = await storeSignedVersion(library, {
          version,
          output,
          verification,
          consent: {
            certificate: {
              sha256: result.key.certificate.sha256,
              subject: result.key.certificate.subject,
              issuer: result.key.certificate.issuer,
              serialNumber: result.key.certificate.serialNumber,
            },
            assurance: record.assurance,
            level: record.level,
            commitment: input.commitment,
            seal: stamp ? { id: stamp.seal.id, name: stamp.seal.name, sha256: stamp.seal.sha256 } : null,
            seals: stamps.seals,
            placements: input.placements,
            crossPageSeal: input.crossPageSeal,
            consentText,
            consentLanguage: input.lang,
            consentedAt,
          },
        });
        step(4, 'stored');
        ctx.emit({ type: 'library.changed', contractIds: [version.contractId] });
        return {
          contractId: version.contractId,
          documentId: version.documentId,
          versionId: added.versionId,
          version: added.number,
          sha256: added.sha256,
          verdict: verification.verdict,
          signatureState: library.signatureStatus(version.contractId).state,
        };
      } finally {
        pin?.fill(0);
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
  return {
    inProgress,
    handlers: {
      'signing.prepare': (input: Parameters<(typeof handlers)['signing.prepare']>[0], ctx: CallCtx) =>
        usingToken(() => handlers['signing.prepare'](input, ctx)),
      'signing.sign': (input: Parameters<(typeof handlers)['signing.sign']>[0], ctx: CallCtx) => usingToken(() => handlers['signing.sign'](input, ctx)),
    },
  };
}
