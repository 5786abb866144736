import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  createTimestampAuthority,
  createTsaIdentity,
  loadTsaIdentity,
  parseCertificate,
  requestTimestamp,
  TrustStore,
  type TsaIdentityPem,
} from '../../src-main/core/pki/index.js';
import { writeFileAtomic } from '../../src-main/core/files/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { CheckpointTimestamper, TimestampResult } from '../log/integrator.js';

/**
 * Trusted time for checkpoints, on the PKI capability's RFC 3161 authority and client. External
 * TSAs are asked in the order configured; every answer is checked (status, imprint, nonce, signature,
 * TSA usage, and the path to the operator's roots when given) before it is stored, because a bad
 * token discovered years later in court is worth nothing. The built-in TSA answers when no external
 * one is configured, or when all of them fail and the operator allowed the fallback.
 */

/** Inkstone's built-in TSA policy: an OID under the UUID arc 2.25, which needs no registration. */
export const BUILTIN_TSA_POLICY = '2.25.208366591930286063410549301432364934881';

export interface BuiltinTsa {
  /** DER certificates: the TSA's, then the rest of its chain up to its root. */
  readonly chain: readonly Buffer[];
  /** The TSA certificate's subject. */
  readonly name: string;
  /** A token (DER ContentInfo) over a SHA-256 imprint, certificates included. */
  stamp(imprint: Uint8Array): Promise<Buffer>;
  /** Answer a DER TimeStampReq with a DER TimeStampResp (RFC 3161 §2.4.2), e.g. behind an HTTP endpoint. */
  respond(request: Uint8Array): Promise<Buffer>;
}

export interface ExternalTsa {
  readonly url: string;
  /** DER CA certificates completing the TSA's chain; the self-signed ones are the roots its path must reach. */
  readonly extraCertificates: readonly Buffer[];
}

const FILES = { certificate: 'tsa-cert.pem', chain: 'tsa-chain.pem', privateKey: 'tsa-key.pem' } as const;

/**
 * The service's own TSA (self-hosting and tests): a root made for it alone, whose key is discarded
 * once it has issued the TSA certificate. Created in the key folder on first use, mode 0600.
 */
export async function loadBuiltinTsa(keyDir: string, commonName = 'Inkstone Evidence TSA'): Promise<BuiltinTsa> {
  const file = (k: keyof typeof FILES) => path.join(keyDir, FILES[k]);
  let pem: TsaIdentityPem;
  try {
    pem = {
      certificate: await fs.readFile(file('certificate'), 'utf8'),
      chain: await fs.readFile(file('chain'), 'utf8'),
      privateKey: await fs.readFile(file('privateKey'), 'utf8'),
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    pem = await (await createTsaIdentity({ commonName, organisation: 'Inkstone Evidence' })).toPem();
    await fs.mkdir(keyDir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(file('certificate'), pem.certificate, { overwrite: true });
    await writeFileAtomic(file('chain'), pem.chain, { overwrite: true });
    // The key last: its presence is what marks the identity complete.
    await writeFileAtomic(file('privateKey'), pem.privateKey);
    await fs.chmod(file('privateKey'), 0o600);
  }
  const identity = await loadTsaIdentity(pem);
  const authority = createTimestampAuthority({
    certificate: identity.certificate,
    chain: identity.chain,
    privateKey: identity.privateKey,
    policyOid: BUILTIN_TSA_POLICY,
  });
  return {
    chain: [identity.certificate, ...identity.chain].map((c) => Buffer.from(c)),
    name: authority.certificate.subject.text,
    stamp: async (imprint) => Buffer.from(await authority.stamp(imprint, 'SHA-256')),
    respond: async (request) => Buffer.from(await authority.respond(request)),
  };
}

/** Ask one RFC 3161 TSA over HTTP; returns the checked token and the chain to keep beside it. */
export async function requestExternalTimestamp(tsa: ExternalTsa, imprint: Buffer): Promise<TimestampResult> {
  const roots = tsa.extraCertificates.map((c) => parseCertificate(c)).filter((c) => c.selfIssued);
  const result = await requestTimestamp({ urls: [tsa.url], imprint, hashAlgorithm: 'SHA-256', trustStore: roots.length ? new TrustStore(roots) : undefined });
  return { token: Buffer.from(result.token), chain: tsa.extraCertificates, tsa: `${result.tsaCertificate.subject.text} (${new URL(tsa.url).host})` };
}

export function createCheckpointTimestamper(options: {
  external: readonly ExternalTsa[];
  builtin: BuiltinTsa | null;
  onFailure?: (err: unknown) => void;
}): CheckpointTimestamper {
  if (!options.external.length && !options.builtin) throw new InkstoneError('EVIDENCE_CONFIG_INVALID', { reason: 'no time-stamping authority is configured' });
  return {
    async stamp(imprint) {
      for (const tsa of options.external) {
        try {
          return await requestExternalTimestamp(tsa, imprint);
        } catch (err) {
          options.onFailure?.(err);
        }
      }
      if (!options.builtin) throw new InkstoneError('EVIDENCE_TIMESTAMP_FAILED', { tsa: 'every configured TSA', reason: 'none answered with a valid token' });
      // The token carries the TSA certificate; the receipt keeps the rest of the chain beside it.
      return { token: await options.builtin.stamp(imprint), chain: options.builtin.chain.slice(1), tsa: options.builtin.name };
    },
  };
}
