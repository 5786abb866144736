import { webcrypto, createHash, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { issueCertificate } from '../../src-main/core/pki/issue-certificate.js';
import { buildCadesSignedData } from '../../src-main/core/pki/cms-build.js';
import { parseSignedData } from '../../src-main/core/pki/cms-parse.js';
import { verifyCmsSignature } from '../../src-main/core/pki/cms-verify.js';
import { parseCertificate } from '../../src-main/core/pki/certificate.js';
import { softwareKeySigner } from '../../src-main/core/pki/software-key.js';
import { toPem } from '../../src-main/core/pki/der.js';
const ca = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
const now = new Date();
const rootDer = await issueCertificate({ subject: { commonName: '测试根 CA', organisation: 'Inkstone 测试', country: 'CN' }, publicKey: ca.publicKey, issuer: { privateKey: ca.privateKey }, notBefore: new Date(now.getTime() - 3600e3), notAfter: new Date(now.getTime() + 365 * 86400e3), ca: {}, keyUsage: ['keyCertSign', 'cRLSign'] });
console.log(parseCertificate(rootDer).subject.text);
for (const [kind, gen] of [['rsa-pkcs1', () => generateKeyPairSync('rsa', { modulusLength: 2048 })], ['rsa-pss', () => generateKeyPairSync('rsa', { modulusLength: 2048 })], ['ecdsa', () => generateKeyPairSync('ec', { namedCurve: 'P-384' })]] as const) {
  const kp = gen();
  const leafDer = await issueCertificate({ subject: { commonName: '张三', organisation: '北京某某律师事务所', country: 'CN' }, publicKey: new Uint8Array(kp.publicKey.export({ type: 'spki', format: 'der' })), issuer: { certificate: rootDer, privateKey: ca.privateKey }, notBefore: new Date(now.getTime() - 3600e3), notAfter: new Date(now.getTime() + 86400e3), keyUsage: ['digitalSignature', 'nonRepudiation'] });
  const content = Buffer.from('hello world ' + kind);
  const signer = softwareKeySigner(kp.privateKey, { kind: kind as any, hash: 'SHA-256' });
  const t0 = performance.now();
  const cms = await buildCadesSignedData({ contentDigest: createHash('sha256').update(content).digest(), digestAlgorithm: 'SHA-256', signerCertificate: leafDer, signatureAlgorithm: kind as any, sign: signer.sign, commitmentType: 'proof-of-origin' });
  const t1 = performance.now();
  writeFileSync('/tmp/s.der', cms); writeFileSync('/tmp/c.bin', content); writeFileSync('/tmp/root.pem', toPem(rootDer, 'CERTIFICATE'));
  try { console.log(kind, execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', '/tmp/s.der', '-content', '/tmp/c.bin', '-CAfile', '/tmp/root.pem', '-purpose', 'any', '-out', '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString(), 'ok'); } catch (e: any) { console.log(kind, 'openssl FAIL', e.stderr.toString()); }
  const p = parseSignedData(cms);
  console.log(kind, (t1-t0).toFixed(1)+'ms', verifyCmsSignature(p, createHash('sha256').update(content).digest()), p.signedAttributes?.commitmentType);
}
