import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PdfDocument, digestByteRange, findSignatures } from '../../src-main/core/pdf/index.js';
import { verifyTimestampToken } from '../../src-main/core/pki/index.js';

/**
 * The external judges of every PDF the signer writes: poppler's pdfsig (signatures valid, signer
 * certificate trusted through the test root in an NSS database) and qpdf --check (structure).
 * Both run asynchronously: pdfsig asks the test PKI's loopback OCSP responder, which lives in this
 * process and must keep serving while pdfsig waits.
 */
const run = promisify(execFile);

export interface PdfsigSignature {
  readonly index: number;
  readonly fieldName: string;
  readonly commonName: string;
  readonly type: string;
  readonly validation: string;
  readonly certificate: string;
  readonly totalDocument: boolean;
}

/**
 * pdfsig's report as text. Never call pdfsig synchronously in a test that runs the test PKI: its
 * OCSP responder would be blocked with the event loop, and NSS waits 120 s per signature for it.
 */
export async function pdfsigReport(file: string, nssdir: string): Promise<string> {
  const { stdout } = await run('pdfsig', ['-nssdir', nssdir, file], { encoding: 'utf8', maxBuffer: 16 << 20 }).catch(
    (err: { stdout?: string; stderr?: string; code?: number }) => {
      // pdfsig exits 1 when a signature is invalid or not trusted; its report is still on stdout.
      if (typeof err.stdout === 'string' && err.stdout.includes('Signature #')) return { stdout: err.stdout };
      throw new Error(`pdfsig failed on ${file}: ${err.stderr ?? String(err)}`);
    },
  );
  return stdout;
}

/** Run pdfsig and parse its report into one entry per signature. */
export async function pdfsig(file: string, nssdir: string): Promise<PdfsigSignature[]> {
  const stdout = await pdfsigReport(file, nssdir);
  return stdout
    .split(/^Signature #/m)
    .slice(1)
    .map((block) => {
      const field = (label: string): string => new RegExp(`- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
      return {
        index: Number(/^(\d+)/.exec(block)?.[1]),
        fieldName: field('Signature Field Name'),
        commonName: field('Signer Certificate Common Name'),
        type: field('Signature Type'),
        validation: field('Signature Validation'),
        certificate: field('Certificate Validation'),
        totalDocument: /Total document signed/.test(block),
      };
    });
}

/**
 * Every CMS signature valid and trusted; exactly `count` signatures (document timestamps included).
 * Poppler 22 lists document timestamps without judging them ("not yet verified"), so those are
 * checked here instead: the token is intact, names a timestamping certificate, and its imprint is
 * the digest of the ByteRange it claims.
 */
export async function assertPdfsigValid(file: string, nssdir: string, count: number, options: { trusted?: boolean } = {}): Promise<PdfsigSignature[]> {
  const sigs = await pdfsig(file, nssdir);
  assert.equal(sigs.length, count, `pdfsig lists ${sigs.length} signatures in ${file}, expected ${count}`);
  const timestamps = assertDocumentTimestampsValid(file);
  for (const s of sigs) {
    if (timestamps.includes(s.fieldName)) continue;
    assert.equal(s.validation, 'Signature is Valid.', `signature #${s.index} (${s.fieldName}) of ${file}: ${s.validation}`);
    if (options.trusted !== false)
      assert.equal(s.certificate, 'Certificate is Trusted.', `signature #${s.index} (${s.fieldName}) of ${file}: ${s.certificate}`);
  }
  return sigs;
}

/** qpdf --check exits 0. */
export async function assertQpdfClean(file: string): Promise<void> {
  await run('qpdf', ['--check', file], { encoding: 'utf8' }).catch((err: { stdout?: string; stderr?: string }) => {
    assert.fail(`qpdf --check ${file}: ${err.stdout ?? ''}${err.stderr ?? ''}`);
  });
}

/** Check each document timestamp of `file`; returns their field names. */
export function assertDocumentTimestampsValid(file: string): string[] {
  const doc = PdfDocument.openFile(file);
  try {
    return findSignatures(doc)
      .filter((s) => s.type === 'DocTimeStamp')
      .map((s) => {
        assert.equal(s.subFilter, 'ETSI.RFC3161');
        assert.ok(s.byteRange && s.contents, `${s.fieldName} has a ByteRange and a token`);
        const imprint = digestByteRange(doc.source, s.byteRange, 'sha256');
        assert.ok(imprint, `${s.fieldName}: its ByteRange lies within the file`);
        const check = verifyTimestampToken(s.contents, { imprint, hashAlgorithm: 'SHA-256' });
        assert.ok(check.valid, `${s.fieldName} of ${file}: ${check.problem}`);
        return s.fieldName;
      });
  } finally {
    doc.close();
  }
}

/**
 * OpenSSL as a second, independent judge of one signature: the CMS verifies over the bytes its
 * ByteRange names, and its certificate chains to `rootPem`. Used beside pdfsig for a signature
 * field with several widgets (a cross-page seal), whose structure poppler 22 reads its own way.
 */
export async function assertOpensslVerifies(file: string, fieldName: string, rootPem: string): Promise<void> {
  const doc = PdfDocument.openFile(file);
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-openssl-'));
  try {
    const sig = findSignatures(doc).find((s) => s.fieldName === fieldName);
    assert.ok(sig?.byteRange && sig.contents, `${fieldName} is signed`);
    const [a, b, c, d] = sig.byteRange;
    writeFileSync(path.join(dir, 'content.bin'), Buffer.concat([doc.source.read(a, b), doc.source.read(c, d)]));
    writeFileSync(path.join(dir, 'sig.der'), sig.contents);
    await run('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      path.join(dir, 'sig.der'),
      '-content',
      path.join(dir, 'content.bin'),
      '-CAfile',
      rootPem,
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ]).catch((err: { stderr?: string }) => assert.fail(`openssl cms -verify ${fieldName} of ${file}: ${err.stderr ?? String(err)}`));
  } finally {
    doc.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
