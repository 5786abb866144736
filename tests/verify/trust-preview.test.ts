import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createCoreService, type CoreService } from '../../src-main/core/service/index.js';
import { getTestPki, type TestPki } from '../support/test-pki.js';
import { upload } from '../support/uploads.js';

/** The person sees whose certificate it is and its fingerprint before it is trusted: preview stores nothing. */
let pki: TestPki;
let dir: string;
let core: CoreService;
before(async () => {
  pki = await getTestPki();
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-trust-preview-'));
  core = createCoreService({ dataDir: dir });
});
after(async () => {
  core.close();
  await pki.servers.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = async (name: string, bytes: Uint8Array | string) => ({ uploadId: await upload(core, bytes, name) });

test('verify.trust.preview describes the CA certificate and trusts nothing', async () => {
  const r = await core.invoke('verify.trust.preview', await file('root.pem', readFileSync(pki.rootPemPath)));
  assert.ok(r.ok, JSON.stringify(r));
  const [c] = (r.value as { certificates: Array<{ sha256: string; subject: string; issuer: string; notBefore: string; notAfter: string }> }).certificates;
  assert.equal(c.sha256, pki.root.info.sha256);
  assert.ok(c.subject && c.issuer && c.notBefore < c.notAfter);
  const list = await core.invoke('verify.trust.list', {});
  assert.deepEqual(list.ok && list.value, { certificates: [] });
});

test('verify.trust.preview refuses what import would refuse, with the same codes', async () => {
  const leaf = await core.invoke('verify.trust.preview', await file('leaf.cer', (await pki.pkcs12()).leaf.certificate));
  assert.equal(!leaf.ok && leaf.error.code, 'VERIFY_TRUST_NOT_A_CA');
  const junk = await core.invoke('verify.trust.preview', await file('junk.der', 'junk'));
  assert.equal(!junk.ok && junk.error.code, 'VERIFY_TRUST_NOT_A_CERTIFICATE');
});
