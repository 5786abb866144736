import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { verifyTimestampToken } from '../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { CheckpointTimestamper, TimestampResult } from '../log/integrator.js';
import type { BuiltinTsa } from './builtin.js';

export { loadBuiltinTsa, BUILTIN_TSA_POLICY, type BuiltinTsa } from './builtin.js';

/**
 * Trusted time for checkpoints. External TSAs are asked in the order configured; every answer is
 * verified (status, imprint, nonce, signature, TSA usage, path to a root) before it is stored, because
 * a bad token discovered years later in court is worth nothing. The built-in TSA answers when no
 * external one is configured, or when all of them fail and the operator allowed the fallback.
 */
export interface ExternalTsa {
  readonly url: string;
  /** DER CA certificates completing the TSA's chain (tokens usually carry only the TSA certificate). */
  readonly extraCertificates: readonly Buffer[];
}

const OID_SHA256 = '2.16.840.1.101.3.4.2.1';

function ab(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Ask one RFC 3161 TSA over HTTP; returns the verified token and the chain to keep beside it. */
export async function requestExternalTimestamp(tsa: ExternalTsa, imprint: Buffer, timeoutMs = 10_000): Promise<TimestampResult> {
  const nonce = randomBytes(16);
  nonce[0] &= 0x7f;
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: ab(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: ab(nonce) }),
    certReq: true,
  });
  const host = new URL(tsa.url).host;
  let body: Buffer;
  try {
    const res = await fetch(tsa.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: Buffer.from(req.toSchema().toBER(false)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    throw new InkstoneError('EVIDENCE_TIMESTAMP_FAILED', { tsa: host, reason: (err as Error).message }, { cause: err });
  }
  let resp: pkijs.TimeStampResp;
  try {
    resp = pkijs.TimeStampResp.fromBER(ab(body));
  } catch {
    throw new InkstoneError('EVIDENCE_TIMESTAMP_FAILED', { tsa: host, reason: 'the answer is not a TimeStampResp' });
  }
  if (resp.status.status !== pkijs.PKIStatus.granted && resp.status.status !== pkijs.PKIStatus.grantedWithMods) {
    throw new InkstoneError('EVIDENCE_TIMESTAMP_FAILED', { tsa: host, reason: `status ${resp.status.status}` });
  }
  if (!resp.timeStampToken) throw new InkstoneError('EVIDENCE_TIMESTAMP_FAILED', { tsa: host, reason: 'granted without a token' });
  const token = Buffer.from(resp.timeStampToken.toSchema().toBER(false));
  const facts = await verifyTimestampToken(token, { imprint, certificates: tsa.extraCertificates });
  const signed = new pkijs.SignedData({ schema: resp.timeStampToken.content });
  const tst = pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent!.getValue());
  if (!tst.nonce || !Buffer.from(tst.nonce.valueBlock.valueHexView).equals(nonce)) {
    throw new InkstoneError('EVIDENCE_TIMESTAMP_FAILED', { tsa: host, reason: 'the nonce does not match the request' });
  }
  return { token, chain: tsa.extraCertificates, tsa: `${facts.tsaSubject} (${host})` };
}

export function createCheckpointTimestamper(options: { external: readonly ExternalTsa[]; builtin: BuiltinTsa | null; onFailure?: (err: unknown) => void }): CheckpointTimestamper {
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
      if (!options.builtin) throw new InkstoneError('EVIDENCE_TIMESTAMP_FAILED', { tsa: 'all configured', reason: 'no TSA answered' });
      // The built-in TSA's token carries its certificate; the receipt keeps the root beside it.
      const token = await options.builtin.stamp(imprint);
      return { token, chain: options.builtin.chain.slice(1), tsa: options.builtin.name };
    },
  };
}
