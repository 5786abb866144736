import { constants, createPrivateKey, createPublicKey, sign as cryptoSign, type KeyObject, type SignKeyObjectInput } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { hashLength, nodeHashName } from '../crypto-names/index.js';
import { issuingChain, keyAlgorithmOf, parseCertificate, spkiOf } from './certificates.js';
import { usePin, type Pin } from './pin.js';
import { readPkcs12, type Pkcs12Item } from './pkcs12-file.js';
import { describeKeyAlgorithm, kindFitsKey, type KeyAlgorithm, type KeyDescription, type Signer, type SignParams } from './signer.js';

export interface Pkcs12SignerOptions {
  /** The .p12/.pfx file: its path, or its bytes. */
  readonly file: string | Uint8Array;
  /** The name shown to people; defaults to the path's base name. */
  readonly fileName?: string;
  /** The file's password; a Uint8Array is wiped after use. */
  readonly password: Pin;
  /** Friendly name of the key to use when the file holds several. */
  readonly keyLabel?: string;
}

/**
 * Open the key in a PKCS#12 file. Such a key is a file anyone can copy: the signer says so with
 * `assurance: 'software-key'`, which the signing record and the UI must carry through (PRC
 * Electronic Signature Law, art. 13). The key lives in a Node KeyObject until `close`, after which
 * the garbage collector frees it; JavaScript gives no way to wipe it sooner.
 */
export async function openPkcs12Signer(options: Pkcs12SignerOptions): Promise<Signer> {
  const fileName = options.fileName ?? (typeof options.file === 'string' ? path.basename(options.file) : 'PKCS#12');
  let bytes: Uint8Array;
  if (typeof options.file === 'string') {
    try {
      bytes = await readFile(options.file);
    } catch (err) {
      if (typeof options.password !== 'string') options.password.fill(0);
      throw new InkstoneError('IO_ERROR', { reason: `${fileName}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` }, { cause: err });
    }
  } else {
    bytes = options.file;
  }
  const contents = await usePin(options.password, (password) => readPkcs12(bytes, password, fileName));

  const wanted = options.keyLabel;
  const keys = contents.keys.filter((k) => wanted === undefined || k.friendlyName === wanted);
  if (keys.length === 0) throw new InkstoneError('TOKEN_KEY_NOT_FOUND', { token: fileName, key: wanted ?? '*' });
  if (keys.length > 1) throw new InkstoneError('TOKEN_KEY_AMBIGUOUS', { token: fileName, count: keys.length });
  const item = keys[0];
  const label = item.friendlyName ?? '';
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: item.der, format: 'der', type: 'pkcs8' });
  } catch (err) {
    throw new InkstoneError('TOKEN_PKCS12_INVALID', { file: fileName, reason: `private key: ${(err as Error).message}` }, { cause: err });
  }
  const keyAlgorithm = keyAlgorithmOf(privateKey);
  const certificate = certificateOf(privateKey, contents.certificates);
  if (!certificate) throw new InkstoneError('TOKEN_CERTIFICATE_MISSING', { token: fileName, key: label || fileName });
  const chain = issuingChain(
    certificate.der,
    contents.certificates.map((c) => c.der),
  );
  return new Pkcs12Signer(privateKey, keyAlgorithm, certificate.der, chain, {
    provider: 'pkcs12',
    fileName,
    ...(label ? { keyLabel: label } : {}),
    ...(item.localKeyId ? { keyId: item.localKeyId } : {}),
    extractable: true,
    sensitive: false,
  });
}

/** The certificate whose public key is this private key's: attributes like localKeyId are too often wrong to trust. */
function certificateOf(privateKey: KeyObject, certificates: readonly Pkcs12Item[]): Pkcs12Item | undefined {
  const spki = spkiOf(createPublicKey(privateKey));
  return certificates.find((c) => {
    const cert = parseCertificate(c.der);
    return cert !== undefined && spkiOf(cert.publicKey).equals(spki);
  });
}

class Pkcs12Signer implements Signer {
  readonly assurance = 'software-key' as const;
  private key: KeyObject | undefined;

  constructor(
    key: KeyObject,
    readonly keyAlgorithm: KeyAlgorithm,
    readonly certificate: Uint8Array,
    readonly chain: readonly Uint8Array[],
    readonly keyDescription: KeyDescription,
  ) {
    this.key = key;
  }

  async sign(data: Uint8Array, params: SignParams): Promise<Uint8Array> {
    const key = this.key;
    if (!key) throw new InkstoneError('TOKEN_SIGNER_CLOSED');
    if (!kindFitsKey(params.kind, this.keyAlgorithm)) {
      throw new InkstoneError('TOKEN_SCHEME_MISMATCH', { scheme: params.kind, keyAlgorithm: describeKeyAlgorithm(this.keyAlgorithm) });
    }
    const input: SignKeyObjectInput =
      params.kind === 'rsa-pss'
        ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: hashLength(params.hash) }
        : params.kind === 'ecdsa'
          ? { key, dsaEncoding: 'der' }
          : { key };
    // The callback form runs on the thread pool, like a token's C_SignAsync.
    const signature = await new Promise<Buffer>((resolve, reject) =>
      cryptoSign(nodeHashName(params.hash), data, input, (err, sig) => (err ? reject(err) : resolve(sig))),
    );
    return new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength);
  }

  async close(): Promise<void> {
    this.key = undefined;
  }
}
