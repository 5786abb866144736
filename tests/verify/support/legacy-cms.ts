import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openAtomicWriter } from '../../../src-main/core/files/index.js';
import { addSignaturePlaceholder, IncrementalUpdate, PdfDocument, writeSignaturePlaceholder } from '../../../src-main/core/pdf/index.js';
import { derChildren, derElement, derSpan, type DerSpan } from '../../../src-main/core/pki/index.js';

/**
 * PDF signatures in the shapes signers produced around 2011, made by OpenSSL itself so that
 * "OpenSSL parses it" is true by construction: SHA-1 over SHA-1 certificates, signing-time and no
 * ESS attribute, no signed attributes at all, PKCS#7 from `openssl smime`, certificates in odd
 * orders, an unsigned attribute, and BER indefinite lengths.
 */

export type LegacyShape =
  | 'sha1-signing-time'
  | 'no-signed-attributes'
  | 'pkcs7-smime'
  | 'certificates-odd-order'
  | 'unsigned-attribute'
  | 'ber-indefinite'
  | 'signing-time-with-offset'
  | 'ess-v1-unreadable'
  | 'signing-time-twice'
  | 'signature-constructed-octets'
  | 'signature-constructed-octets-ber'
  | 'crl-in-signed-data'
  | 'attribute-certificates'
  | 'attribute-certificates-ber'
  | 'subject-key-identifier'
  | 'sha1-with-rsa-algorithm'
  | 'sha256-with-rsa-algorithm'
  | 'unreadable-certificate'
  | 'unreadable-certificate-ber';

export interface LegacyCa {
  readonly dir: string;
  /** PEM of the self-signed SHA-1 root. */
  readonly caPem: string;
}

function openssl(args: string[], cwd: string): Buffer {
  return execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A SHA-1 root and an RSA-2048 leaf it issued with SHA-1, as a 2011 commercial CA would have. */
export function makeLegacyCa(dir: string): LegacyCa {
  const subj = (s: string) => ['-subj', s];
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '3650',
      '-sha1',
      ...subj('/O=Old Trust/CN=Legacy CA 2011'),
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', ...subj('/O=Old Co/CN=Zhang San')], dir);
  writeFileSync(path.join(dir, 'leaf.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\n');
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'leaf.pem',
      '-days',
      '3650',
      '-sha1',
      '-extfile',
      'leaf.ext',
    ],
    dir,
  );
  // A CRL of the root that revokes the leaf (as a signer would embed it), and an unrelated certificate.
  writeFileSync(
    path.join(dir, 'ca.cnf'),
    '[ca]\ndefault_ca = legacy\n[legacy]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha1\ndefault_crl_days = 3650\n',
  );
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'crlnumber'), '01\n');
  const ca = ['-config', 'ca.cnf', '-keyfile', 'ca.key', '-cert', 'ca.pem'];
  openssl(['ca', ...ca, '-revoke', 'leaf.pem', '-crl_reason', 'keyCompromise'], dir);
  openssl(['ca', ...ca, '-gencrl', '-out', 'crl.pem'], dir);
  openssl(['crl', '-in', 'crl.pem', '-outform', 'DER', '-out', 'crl.der'], dir);
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'other.key',
      '-outform',
      'DER',
      '-out',
      'other.der',
      '-days',
      '3650',
      ...subj('/CN=Unrelated'),
    ],
    dir,
  );
  writeFileSync(path.join(dir, 'odd-order.pem'), Buffer.concat([readFileSync(path.join(dir, 'ca.pem')), readFileSync(path.join(dir, 'leaf.pem'))]));
  return { dir, caPem: path.join(dir, 'ca.pem') };
}

/** OpenSSL's detached SHA-1 signature over `content` (a file in the CA folder), in `shape`. */
function legacyCms(ca: LegacyCa, content: string, shape: LegacyShape): Buffer {
  const md = shape === 'sha256-with-rsa-algorithm' ? 'sha256' : 'sha1';
  const common = ['-binary', '-md', md, '-in', content, '-signer', 'leaf.pem', '-inkey', 'leaf.key', '-outform', 'DER'];
  const plain = () => openssl(['cms', '-sign', ...common, '-certfile', 'ca.pem'], ca.dir);
  switch (shape) {
    case 'signature-constructed-octets':
      return withConstructedSignature(plain());
    case 'signature-constructed-octets-ber':
      return indefinite(withConstructedSignature(plain()));
    case 'crl-in-signed-data':
      return withCrl(plain(), readFileSync(path.join(ca.dir, 'crl.der')));
    case 'attribute-certificates':
      return withCertificateChoices(plain(), [attributeCertificate(), OTHER_CERTIFICATE_FORMAT]);
    case 'attribute-certificates-ber':
      return indefinite(withCertificateChoices(plain(), [attributeCertificate(), OTHER_CERTIFICATE_FORMAT]));
    case 'subject-key-identifier':
      return openssl(['cms', '-sign', ...common, '-keyid', '-certfile', 'ca.pem'], ca.dir);
    case 'sha1-with-rsa-algorithm':
    case 'sha256-with-rsa-algorithm':
      // The signature OID (sha…WithRSAEncryption) where RFC 5754 asks for rsaEncryption; the value is unchanged.
      return editSignerInfo(plain(), (parts) => {
        const oid = md === 'sha1' ? '2a864886f70d010105' : '2a864886f70d01010b';
        const at = parts.findIndex((p) => p[0] === 0x04) - 1;
        return parts.map((p, i) => (i === at ? Buffer.from(`300d0609${oid}0500`, 'hex') : p));
      });
    case 'unreadable-certificate':
      return withCertificateChoices(plain(), [unreadableCertificate(ca)]);
    case 'unreadable-certificate-ber':
      return indefinite(withCertificateChoices(plain(), [unreadableCertificate(ca)]));
    case 'pkcs7-smime':
      return openssl(['smime', '-sign', ...common, '-certfile', 'ca.pem'], ca.dir);
    case 'no-signed-attributes':
      return openssl(['cms', '-sign', ...common, '-noattr'], ca.dir);
    case 'certificates-odd-order':
      // No signer certificate in its usual place: the CA first, then the leaf.
      return openssl(['cms', '-sign', ...common, '-nocerts', '-certfile', 'odd-order.pem'], ca.dir);
    case 'unsigned-attribute':
      return withUnsignedAttribute(openssl(['cms', '-sign', ...common, '-certfile', 'ca.pem'], ca.dir));
    case 'ber-indefinite':
      return indefinite(openssl(['cms', '-sign', ...common, '-certfile', 'ca.pem'], ca.dir));
    case 'sha1-signing-time':
      return openssl(['cms', '-sign', ...common, '-certfile', 'ca.pem'], ca.dir);
    case 'signing-time-with-offset':
      // UTCTime without seconds and with a UTC offset (X.680 allows both; DER and RFC 5652 do not).
      return withSigningTime(openssl(['cms', '-sign', ...common, '-certfile', 'ca.pem'], ca.dir), '1103151234+0800', path.join(ca.dir, 'leaf.key'));
    case 'ess-v1-unreadable':
      // An ESS signing-certificate (RFC 2634) whose ESSCertID holds an INTEGER, not a hash.
      return withSignedAttributes(openssl(['cms', '-sign', ...common, '-certfile', 'ca.pem'], ca.dir), path.join(ca.dir, 'leaf.key'), (attrs) => [
        ...attrs,
        derElement(0x30, [ESS_V1_OID, derElement(0x31, [derElement(0x30, [derElement(0x30, [derElement(0x30, [Buffer.from('020105', 'hex')])])])])]),
      ]);
    case 'signing-time-twice':
      return withSignedAttributes(openssl(['cms', '-sign', ...common, '-certfile', 'ca.pem'], ca.dir), path.join(ca.dir, 'leaf.key'), (attrs) => [
        ...attrs,
        derElement(0x30, [SIGNING_TIME_OID, derElement(0x31, [derElement(0x17, [Buffer.from('110315123400Z', 'latin1')])])]),
      ]);
  }
}

const SIGNING_TIME_OID = Buffer.from('06092a864886f70d010905', 'hex');
const ESS_V1_OID = Buffer.from('060b2a864886f70d010910020c', 'hex');

/** Edit the signed attributes (each one's encoding) and sign them again with `keyFile`. */
function withSignedAttributes(der: Uint8Array, keyFile: string, edit: (attrs: Buffer[]) => Uint8Array[]): Buffer {
  return editSignerInfo(der, (parts) => {
    const at = parts.findIndex((p) => p[0] === 0xa0);
    const attrs = parts[at];
    const list = children(attrs, derSpan(attrs, 0)!).map((s) => Buffer.from(bytesOf(attrs, s)));
    const sorted = edit(list)
      .map((a) => Buffer.from(a))
      .sort(Buffer.compare);
    const signature = sign('sha1', derElement(0x31, sorted), createPrivateKey(readFileSync(keyFile)));
    return parts.map((p, i) => (i === at ? derElement(0xa0, sorted) : p[0] === 0x04 ? derElement(0x04, [signature]) : p));
  });
}

/** Replace the signing-time attribute's value by a UTCTime `text` and sign the attributes again. */
function withSigningTime(der: Uint8Array, text: string, keyFile: string): Buffer {
  const time = derElement(0x17, [Buffer.from(text, 'latin1')]);
  return withSignedAttributes(der, keyFile, (attrs) =>
    attrs.map((a) => (a.includes(SIGNING_TIME_OID) ? derElement(0x30, [SIGNING_TIME_OID, derElement(0x31, [time])]) : a)),
  );
}

const bytesOf = (der: Uint8Array, s: DerSpan) => der.subarray(s.start, s.end);

/** The children of the element at `span`, which must be constructed. */
function children(der: Uint8Array, span: DerSpan): DerSpan[] {
  const c = derChildren(der, span);
  if (!c) throw new Error(`not a constructed element at ${span.start}`);
  return c;
}

/** Rebuild ContentInfo → [0] → SignedData → signerInfos → first SignerInfo with `edit` applied to it. */
function editSignerInfo(der: Uint8Array, edit: (signerInfo: Uint8Array[]) => Uint8Array[]): Buffer {
  const ci = derSpan(der, 0)!;
  const [type, explicit] = children(der, ci);
  const [sd] = children(der, explicit);
  const fields = children(der, sd);
  const infos = fields[fields.length - 1];
  const [first, ...rest] = children(der, infos);
  const info = derElement(0x30, edit(children(der, first).map((s) => bytesOf(der, s))));
  const set = derElement(0x31, [info, ...rest.map((s) => bytesOf(der, s))]);
  const body = derElement(0x30, [...fields.slice(0, -1).map((s) => bytesOf(der, s)), set]);
  return Buffer.from(derElement(0x30, [bytesOf(der, type), derElement(0xa0, [body])]));
}

/** Rebuild ContentInfo → [0] → SignedData with `edit` applied to its fields' encodings. */
function editSignedData(der: Uint8Array, edit: (fields: Uint8Array[]) => Uint8Array[]): Buffer {
  const ci = derSpan(der, 0)!;
  const [type, explicit] = children(der, ci);
  const [sd] = children(der, explicit);
  const body = derElement(0x30, edit(children(der, sd).map((s) => bytesOf(der, s))));
  return Buffer.from(derElement(0x30, [bytesOf(der, type), derElement(0xa0, [body])]));
}

/** The signature value as a BER constructed OCTET STRING: segments, one of them segmented again. */
function withConstructedSignature(der: Uint8Array): Buffer {
  return editSignerInfo(der, (parts) =>
    parts.map((p) => {
      if (p[0] !== 0x04) return p;
      const span = derSpan(p, 0)!;
      const value = p.subarray(span.valueStart, span.end);
      const seg = (a: number, b?: number) => derElement(0x04, [value.subarray(a, b)]);
      return derElement(0x24, [seg(0, 100), derElement(0x24, [seg(100, 200), seg(200)])]);
    }),
  );
}

/** SignedData with a [1] revocation field holding `crl` (before the signer infos). */
function withCrl(der: Uint8Array, crl: Uint8Array): Buffer {
  return editSignedData(der, (fields) => [...fields.slice(0, -1), derElement(0xa1, [crl]), fields[fields.length - 1]]);
}

/** The certificate set with more CertificateChoices appended. */
function withCertificateChoices(der: Uint8Array, extra: Uint8Array[]): Buffer {
  return editSignedData(der, (fields) =>
    fields.map((f) => (f[0] === 0xa0 ? derElement(0xa0, [...children(f, derSpan(f, 0)!).map((s) => bytesOf(f, s)), ...extra]) : f)),
  );
}

const NAME = derElement(0x30, [derElement(0x31, [derElement(0x30, [Buffer.from('0603550403', 'hex'), derElement(0x0c, [Buffer.from('Role Authority')])])])]);
const SHA256_RSA = Buffer.from('300d06092a864886f70d01010b0500', 'hex');

/** A v2 attribute certificate (RFC 5755) as the [2] CertificateChoice: a role, no public key in it. */
function attributeCertificate(): Uint8Array {
  const generalNames = derElement(0x30, [derElement(0xa4, [NAME])]);
  const time = (t: string) => derElement(0x18, [Buffer.from(t, 'latin1')]);
  const info = derElement(0x30, [
    Buffer.from('020101', 'hex'),
    derElement(0x30, [derElement(0xa1, [derElement(0xa4, [NAME])])]),
    derElement(0xa0, [generalNames]),
    SHA256_RSA,
    Buffer.from('020107', 'hex'),
    derElement(0x30, [time('20110101000000Z'), time('20210101000000Z')]),
    derElement(0x30, []),
  ]);
  return derElement(0xa2, [info, SHA256_RSA, Buffer.from('0303000102', 'hex')]);
}

/** [3] OtherCertificateFormat: a private format OID and an opaque value. */
const OTHER_CERTIFICATE_FORMAT = derElement(0xa3, [Buffer.from('060a2b06010401868d1f0102', 'hex'), derElement(0x04, [Buffer.from('other')])]);

/**
 * An unrelated certificate whose notBefore is a GeneralizedTime with letters for digits: OpenSSL
 * reads the certificate (it does not check times when parsing), asn1js throws on it.
 */
function unreadableCertificate(ca: LegacyCa): Uint8Array {
  const der = Buffer.from(readFileSync(path.join(ca.dir, 'other.der')));
  const at = der.indexOf(Buffer.from('170d', 'hex'));
  der[at] = 0x18;
  der.write('20AA01010000Z', at + 2, 'latin1');
  return der;
}

/** Add an unsigned attribute of a private type (real signers added their own, e.g. Adobe's). */
function withUnsignedAttribute(der: Uint8Array): Buffer {
  // 1.3.6.1.4.1.99999.1 with one OCTET STRING value.
  const oid = Buffer.from('060a2b06010401868d1f0101', 'hex');
  const attribute = derElement(0x30, [oid, derElement(0x31, [derElement(0x04, [Buffer.from('legacy')])])]);
  return editSignerInfo(der, (parts) => [...parts, derElement(0xa1, [attribute])]);
}

/**
 * Re-encode the CMS's own structure with BER indefinite lengths (`80` … `00 00`), as streaming
 * encoders wrote it.
 */
function indefinite(der: Uint8Array): Buffer {
  const walk = (span: DerSpan, depth: number): Buffer => {
    const raw = Buffer.from(bytesOf(der, span));
    const constructed = (span.tag & 0x20) !== 0;
    // SignedData's [0] certificates and a SignerInfo's [0] signed attributes keep their DER: their
    // signatures cover it (streaming signers wrote them that way too). Depth 1 is ContentInfo's [0].
    if (!constructed || (depth > 1 && span.tag === 0xa0)) return raw;
    const inner = children(der, span).map((c) => walk(c, depth + 1));
    return Buffer.concat([Buffer.from([span.tag, 0x80]), ...inner, Buffer.from([0, 0])]);
  };
  return walk(derSpan(der, 0)!, 0);
}

/**
 * Sign `input` (any PDF) with an adbe.pkcs7.detached signature OpenSSL makes in `shape`; returns
 * the output path. The signed bytes and the CMS are also left in `<out>.signed-bytes` and `<out>.p7s`
 * for `openssl cms -verify`.
 */
export async function signLegacy(
  ca: LegacyCa,
  input: string,
  out: string,
  shape: LegacyShape,
): Promise<{ file: string; signedBytes: string; cms: Buffer; cmsFile: string }> {
  const doc = PdfDocument.openFile(input);
  try {
    const update = new IncrementalUpdate(doc);
    const placeholder = addSignaturePlaceholder(
      update,
      { fieldName: 'Signature2011' },
      { kind: 'signature', subFilter: 'adbe.pkcs7.detached', contentsSize: 12_000 },
    );
    const writer = await openAtomicWriter(out);
    try {
      const pending = await writeSignaturePlaceholder(update, placeholder, writer);
      const [a, b, c, d] = pending.byteRange;
      const signedBytes = `${out}.signed-bytes`;
      writeFileSync(signedBytes, Buffer.concat([await writer.readAt(b, a), await writer.readAt(d, c)]));
      const cms = legacyCms(ca, signedBytes, shape);
      writeFileSync(`${out}.p7s`, cms);
      await pending.embed(cms);
      await writer.commit();
      return { file: out, signedBytes, cms, cmsFile: `${out}.p7s` };
    } catch (err) {
      await writer.abort();
      throw err;
    }
  } finally {
    doc.close();
  }
}
