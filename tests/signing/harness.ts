import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InkstoneError, type ErrorCode } from '../../src-shared/errors/index.js';
import { PdfDocument, findSignatures, readDss, type PdfSignatureInfo } from '../../src-main/core/pdf/index.js';
import { parseSignedData, parseTimestampToken, type ParsedSignedData } from '../../src-main/core/pki/index.js';
import { openPkcs11Signer, openPkcs12Signer, type Signer } from '../../src-main/core/tokens/index.js';
import { SOFTHSM_MODULE } from '../support/softhsm.js';
import { getTestPki, type TestPki, type TokenLeaf, type TokenLeaves } from '../support/test-pki.js';

/**
 * One signing test process: a temp folder, the test PKI with its loopback servers, the SoftHSM
 * token with the test leaves (one SoftHSM store per process), and an NSS database trusting the
 * test root for pdfsig. Call `setUp()` in `before` and `tearDown()` in `after`.
 */
export interface SigningHarness {
  readonly dir: string;
  readonly pki: TestPki;
  /** The SoftHSM token's leaves; only when set up with `{ token: true }` (the default). */
  readonly leaves: TokenLeaves;
  readonly nss: string;
  /** A fresh output path in the temp folder. */
  out(label: string): string;
  /** Log in to the SoftHSM token and open the key of `leaf`. */
  tokenSigner(leaf: TokenLeaf): Promise<Signer>;
  /** The test PKCS#12 file (王五). */
  pkcs12Signer(): Promise<Signer>;
}

let harness: SigningHarness | undefined;

export async function setUp(prefix: string, options: { token?: boolean } = {}): Promise<SigningHarness> {
  const dir = mkdtempSync(path.join(tmpdir(), `inkstone-${prefix}-`));
  const pki = await getTestPki();
  // Making the token's keys costs seconds; a test process that signs with files only skips it.
  const leaves = options.token === false ? (undefined as unknown as TokenLeaves) : await pki.tokenLeaves();
  const nss = pki.makeNssDb(path.join(dir, 'nss'));
  let n = 0;
  harness = {
    dir,
    pki,
    leaves,
    nss,
    out: (label) => path.join(dir, `${n++}-${label.replace(/\W+/g, '_')}.pdf`),
    tokenSigner: (leaf) =>
      openPkcs11Signer({ module: SOFTHSM_MODULE, token: { label: leaves.token.label }, key: { label: leaf.label }, pin: leaves.token.pin }),
    pkcs12Signer: async () => {
      const p12 = await pki.pkcs12();
      return openPkcs12Signer({ file: p12.path, password: p12.password });
    },
  };
  return harness;
}

export async function tearDown(): Promise<void> {
  if (!harness) return;
  if (!process.env.INKSTONE_KEEP_TEST_FILES) rmSync(harness.dir, { recursive: true, force: true });
  await harness.pki.servers.close();
}

/** A predicate for assert.rejects: an InkstoneError with this code. */
export function typed(code: ErrorCode) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof InkstoneError, `expected InkstoneError ${code}, got ${String((err as Error)?.stack ?? err)}`);
    assert.equal(err.code, code, `expected ${code}, got ${err.code}: ${err.message}`);
    return true;
  };
}

/** Nothing at `output`, and no temp file left beside it. */
export function assertNoOutput(output: string): void {
  assert.equal(existsSync(output), false, `${output} must not exist`);
  const leftovers = readdirSync(path.dirname(output)).filter((f) => f.startsWith('.inkstone-tmp-') && f.includes(path.basename(output)));
  assert.deepEqual(leftovers, [], 'the temp file is removed');
}

/** A signature of a signed file, with its CMS (or timestamp token) parsed. */
export interface ReadSignature {
  readonly info: PdfSignatureInfo;
  readonly cms: ParsedSignedData;
}

/** Read every signature of `file` and the facts tests check: revisions, DSS. */
export function readSigned(file: string): { signatures: ReadSignature[]; revisions: number; dss: ReturnType<typeof readDss> } {
  const doc = PdfDocument.openFile(file);
  try {
    const signatures = findSignatures(doc).map((info) => {
      assert.ok(info.contents, `${info.fieldName} has /Contents`);
      const cms = info.type === 'DocTimeStamp' ? parseTimestampToken(info.contents).cms : parseSignedData(info.contents);
      return { info, cms };
    });
    return { signatures, revisions: doc.revisions.length, dss: readDss(doc) };
  } finally {
    doc.close();
  }
}
