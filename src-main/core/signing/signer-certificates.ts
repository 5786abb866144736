import { parseCertificate, type CertificateInfo } from '../pki/index.js';
import type { Signer } from '../tokens/index.js';
import type { SigningSession } from './session.js';

/**
 * The certificates a signature carries: the signer's own and its issuers up to the root. A
 * validator that trusts only the root (pdfsig, pyHanko, Acrobat with a national root) can build a
 * path only through the issuers the CMS brings, so they are gathered at signing time from, in
 * order: what sits beside the key (a PKCS#12 file's chain, a token's CA certificates), what the
 * caller supplied (the person's trusted CAs and known intermediates), and the caIssuers URL of
 * each certificate when going online is allowed. Tokens often hold the leaf alone.
 */
export interface SignerCertificates {
  readonly certificate: CertificateInfo;
  /** Nearest issuer first; the self-signed root last when it was found. */
  readonly chain: readonly CertificateInfo[];
  /** Why the chain stops short of a root (e.g. the issuer that could not be found), or null. */
  readonly chainIncomplete: string | null;
}

/** The signer's certificate and the issuing chain to embed beside it; built once per session and certificate. */
export async function signerCertificates(signer: Signer, session: SigningSession): Promise<SignerCertificates> {
  const certificate = parseCertificate(signer.certificate);
  const beside = signer.chain.map((der) => parseCertificate(der));
  const { issuers, missing } = await session.validation.issuingChain(certificate, beside);
  return { certificate, chain: issuers, chainIncomplete: missing };
}
