import { parseCertificate, type CertificateInfo } from '../pki/index.js';
import type { Signer } from '../tokens/index.js';
import type { EmbeddedChain } from './request.js';
import type { SigningSession } from './session.js';
import type { IssuingChain } from './validation-data.js';

/**
 * The certificates a signature carries: the signer's own and its issuers up to the root. A
 * validator that trusts only the root (pdfsig, pyHanko, Acrobat with a national root) can build a
 * path only through the issuers the CMS brings, so they are gathered at signing time from, in
 * order: what sits beside the key (a PKCS#12 file's chain, a token's CA certificates), what the
 * caller supplied (the person's trusted CAs and known intermediates), and the caIssuers URL of
 * each certificate when going online is allowed. Tokens often hold the leaf alone.
 */

/** The issuers to embed beside the signer's `certificate`; built once per session and certificate. */
export function issuersToEmbed(signer: Signer, certificate: CertificateInfo, session: SigningSession): Promise<IssuingChain> {
  return session.validation.issuingChain(
    certificate,
    signer.chain.map((der) => parseCertificate(der)),
  );
}

/** The chain as the signing record reports it. */
export function embeddedChain(chain: IssuingChain): EmbeddedChain {
  return { issuers: chain.issuers.map((c) => c.subject.text), complete: chain.missing === null, problem: chain.missing };
}
