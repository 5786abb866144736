import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCoreService, type CoreService } from '../../src-main/core/service/index.js';
import { Library } from '../../src-main/core/library/index.js';
import { EvidenceClient } from '../../src-main/core/evidence/index.js';
import { setUpgradePolicy, signatureUpgradesOf, upgradeOnSync } from '../../src-main/core/sync/index.js';
import { TRUSTED_CERTIFICATES_FOLDER, trustStoreFromFolder, verifyPdf } from '../../src-main/core/verify/index.js';
import { createPrincipal, issueToken, revokeToken } from '../../src-evidence/tenancy/index.js';
import type { Contract, RpcResult, SignatureUpgrade, SigningPreview, SyncStatus } from '../../src-shared/api/index.js';
import type { VerificationResult } from '../../src-shared/api/verification.js';
import { startHarness, type Harness } from '../evidence/support/harness.js';
import { assertPdfsigValid, assertQpdfClean } from '../signing/judges.js';
import { getTestPki, type TestPki } from '../support/test-pki.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { upload } from '../support/uploads.js';

/**
 * Offline signatures upgraded on sync (issue 11), with real components: a version signed at B-B
 * while no service runs; then the evidence service, started here, reached through a loopback proxy
 * that can refuse connections, answer 500 or front another service (a changed log key). Each fault
 * leaves the B-B version as it is, with a clear state; once the service answers, the next pass adds
 * one B-LTA version that our verifier, pdfsig and qpdf accept, and later passes add nothing.
 */

type Mode = 'pass' | 'refuse' | 'http500' | 'tsa500';

/** A reverse proxy on loopback: what the desktop knows as "the service". */
async function startProxy(target: () => string): Promise<{ url: string; mode: Mode; close(): Promise<void> }> {
  const state = { mode: 'pass' as Mode };
  const server = http.createServer((req, res) => {
    if (state.mode === 'refuse') return req.socket.destroy();
    if (state.mode === 'http500' || (state.mode === 'tsa500' && req.url === '/v1/timestamp')) {
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"INTERNAL","message":"Internal error"}}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = { ...req.headers };
      delete headers.host;
      fetch(`${target()}${req.url}`, {
        method: req.method,
        headers: headers as Record<string, string>,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      })
        .then(async (r) => {
          const body = Buffer.from(await r.arrayBuffer());
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/octet-stream' }).end(body);
        })
        .catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return state.mode;
    },
    set mode(m: Mode) {
      state.mode = m;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('offline signatures upgraded on sync', () => {
  let dir: string;
  let core: CoreService;
  let pki: TestPki;
  let service: Harness;
  let other: Harness;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let target: () => string;
  let contract: Contract;
  let offline: { id: string; sha256: string };
  let token = '';
  let coreClosed = false;

  async function ok<T>(operation: string, input: unknown): Promise<T> {
    const r = (await core.invoke(operation, input, { emit: () => undefined })) as RpcResult<T>;
    if (!r.ok) assert.fail(`${operation}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }
  const versions = async () => (await ok<Contract>('contracts.get', { id: contract.id })).documents[0].versions;
  const upgrades = async () => (await ok<{ upgrades: SignatureUpgrade[] }>('signatures.upgrades', { contractId: contract.id })).upgrades;
  const file = (sha256: string) => path.join(dir, 'documents', sha256.slice(0, 2), sha256.slice(2, 4), sha256);

  /** Sign the latest version with the test PKCS#12 key at B-B: no timestamp server anywhere. */
  async function signOffline(c: Contract): Promise<{ id: string; sha256: string }> {
    const p12 = await pki.pkcs12();
    const latest = c.documents[0].versions.at(-1)!;
    const key = { kind: 'pkcs12' as const, uploadId: await upload(core, readFileSync(p12.path), 'wang.p12') };
    const request = { versionId: latest.id, key, lang: 'zh-CN' as const, level: 'B-B' as const };
    const preview = await ok<SigningPreview>('signing.prepare', { ...request, password: p12.password });
    await ok('signing.sign', { ...request, pin: p12.password, consent: { accepted: true, text: preview.consentText } });
    const signed = (await ok<Contract>('contracts.get', { id: c.id })).documents[0].versions.at(-1)!;
    return { id: signed.id, sha256: signed.sha256 };
  }

  /** A pass now (joining one the loop may have started); the loop's state after it. */
  const syncNow = () => ok<SyncStatus>('sync.run', {});

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'inkstone-upgrade-'));
    pki = await getTestPki();
    core = createCoreService({ dataDir: dir, log: () => undefined });
    await ok('verify.trust.import', { uploadId: await upload(core, readFileSync(pki.rootPemPath), 'root.pem') });
    const pdf = await makeTextPdf({ title: '服务合同', lines: ['服务合同', '甲方：广州某某律师事务所', '乙方：星河科技有限公司'] });
    const imported = await ok<{ outcomes: Array<{ contractId: string }> }>('library.import', {
      files: [{ uploadId: await upload(core, pdf, '服务合同.pdf') }],
    });
    contract = await ok<Contract>('contracts.get', { id: imported.outcomes[0].contractId });
  });
  after(async () => {
    if (!coreClosed) core?.close();
    await proxy?.close();
    await service?.close();
    await other?.close();
    await pki?.servers.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signed with no service anywhere: version 2 at B-B, waiting for a timestamp', async () => {
    offline = await signOffline(contract);
    const vs = await versions();
    assert.equal(vs.length, 2);
    const result = await verifyPdf(file(offline.sha256), {
      name: 'offline.pdf',
      lang: 'en',
      trustStore: await trustStoreFromFolder(path.join(dir, TRUSTED_CERTIFICATES_FOLDER)),
    });
    assert.equal(result.signatures[0].level, 'B-B');
    assert.equal(result.signatures[0].provenTime, null, 'nothing proves when it was signed');
    assert.equal((await syncNow()).state, 'disconnected');
    assert.deepEqual(await upgrades(), []);
  });

  it('the service is started and connected; down, 500s, its TSA failing, a revoked token and another log key each leave the B-B version, with a clear state', async () => {
    service = await startHarness();
    other = await startHarness();
    let current = service.url;
    target = () => current;
    proxy = await startProxy(() => target());
    const tenant = await service.tenant('广州某某律师事务所');
    const person = await createPrincipal(service.service.ctx, tenant.tenantId, { kind: 'user', name: '王五', role: 'member' });
    // Trust the service's own TSA root, as an organisation running it would.
    const tsaRoot = service.service.builtinTsa!.chain.at(-1)!;
    await ok('verify.trust.import', { uploadId: await upload(core, tsaRoot, 'evidence-tsa-root.cer') });

    proxy.mode = 'refuse';
    await assert.rejects(ok('sync.connect', { serviceUrl: proxy.url, token: person.token.token }), /EVIDENCE_SERVICE_UNAVAILABLE|unavailable|reach/i);
    // connect starts a pass at once: its TSA fails, so the faults below meet a version still at B-B.
    proxy.mode = 'tsa500';
    await ok('sync.connect', { serviceUrl: proxy.url, token: person.token.token });
    await syncNow();
    proxy.mode = 'refuse';

    const stillOffline = async (expected: SyncStatus['state'], code: string) => {
      const s = await syncNow();
      assert.equal(s.state, expected, `state after a pass: ${JSON.stringify(s.lastError)}`);
      assert.equal(s.lastError?.code, code);
      assert.equal((await versions()).length, 2, 'the B-B version stays the latest');
      assert.equal((await versions()).at(-1)!.id, offline.id);
    };
    await stillOffline('offline', 'EVIDENCE_SERVICE_UNAVAILABLE');
    proxy.mode = 'http500';
    await stillOffline('offline', 'EVIDENCE_SERVICE_ERROR');

    // The service answers but its TSA fails: the pass succeeds, the upgrade waits with its reason.
    proxy.mode = 'tsa500';
    const status = await syncNow();
    assert.equal(status.state, 'upToDate', JSON.stringify(status.lastError));
    assert.equal((await versions()).length, 2);
    const [waiting] = await upgrades();
    assert.equal(waiting.state, 'waiting');
    assert.equal(waiting.fromVersionId, offline.id);
    assert.equal(waiting.lastError?.code, 'PKI_TSA_UNREACHABLE');
    assert.match(waiting.lastError?.message ?? '', /HTTP 500/);
    proxy.mode = 'pass';

    // Another log behind the same address: refused before anything is sent or stamped.
    current = other.url;
    await stillOffline('error', 'SYNC_LOG_KEY_CHANGED');
    current = service.url;

    // A revoked token: the service refuses the person, so nothing is upgraded for them.
    await revokeToken(service.service.ctx, tenant.tenantId, person.token.tokenId);
    await stillOffline('error', 'SYNC_ACCESS_REVOKED');
    assert.equal((await upgrades())[0].state, 'waiting');

    // A new token for the same person: the next pass upgrades.
    const fresh = await issueToken(service.service.ctx, tenant.tenantId, person.principal.id);
    token = fresh.token;
    proxy.mode = 'tsa500';
    await ok('sync.connect', { serviceUrl: proxy.url, token });
    proxy.mode = 'pass';
  });

  it('the next pass adds version 3 with the signature’s time proven by the service’s TSA, accepted by our verifier, pdfsig and qpdf, sent to the service', async () => {
    let status = await syncNow();
    if ((await versions()).length < 3) status = await syncNow();
    assert.equal(status.state, 'upToDate', JSON.stringify(status.lastError));
    const vs = await versions();
    assert.equal(vs.length, 3, `one upgraded version: ${JSON.stringify(await upgrades())}`);
    const upgraded = vs[2];
    assert.equal(upgraded.origin, 'signing');
    const [u] = await upgrades();
    assert.equal(u.state, 'done');
    assert.equal(u.fromVersionId, offline.id);
    assert.equal(u.toVersionId, upgraded.id);
    // The built-in TSA's certificate names no revocation source (its root's key is destroyed), so
    // B-LT cannot be built on it: the level reached is B-T, below the chosen B-LTA, and says so.
    assert.equal(u.level, 'B-T');
    assert.ok(u.provenTime, 'the time is proven');
    assert.equal(status.pending, 0, 'the new version is already on the service');

    const bytes = readFileSync(file(upgraded.sha256));
    assert.deepEqual(
      bytes.subarray(0, readFileSync(file(offline.sha256)).length),
      readFileSync(file(offline.sha256)),
      'an incremental update of the offline version',
    );
    // B-T carries no revocation data: the verifier asks the test CA's OCSP responder (loopback).
    const result: VerificationResult = await verifyPdf(file(upgraded.sha256), {
      name: 'upgraded.pdf',
      lang: 'en',
      online: true,
      trustStore: await trustStoreFromFolder(path.join(dir, TRUSTED_CERTIFICATES_FOLDER)),
    });
    const signature = result.signatures.find((s) => s.kind === 'signature')!;
    assert.equal(result.verdict, 'valid', JSON.stringify(result.signatures.map((s) => [s.kind, s.indication, s.subIndication])));
    assert.equal(signature.level, 'B-T');
    assert.equal(signature.provenTime?.source, 'document-timestamp');
    assert.equal(signature.provenTime?.time, u.provenTime);
    assert.equal(result.signatures.filter((s) => s.kind === 'document-timestamp').length, 1);

    const nss = pki.makeNssDb(path.join(dir, 'nss'));
    await assertPdfsigValid(file(upgraded.sha256), nss, 2);
    await assertQpdfClean(file(upgraded.sha256));

    const audit = (await ok<{ events: Array<{ action: string; details: Record<string, unknown> }> }>('contracts.audit', { id: contract.id })).events;
    const entry = audit.find((e) => e.action === 'signature.upgraded');
    assert.equal(entry?.details.fromVersionId, offline.id);
    assert.equal(entry?.details.toSha256, upgraded.sha256);
    assert.equal(entry?.details.levelChosen, 'B-LTA');
  });

  it('later passes, and two processes upgrading at once, never add a second upgraded version', async () => {
    await syncNow();
    await syncNow();
    assert.equal((await versions()).length, 3);

    // A second offline signature, upgraded by the app and the CLI beside it at the same moment
    // (two connections to one data folder), through the organisation's own TSA (the test PKI's).
    const pdf = await makeTextPdf({ title: '保密协议', lines: ['保密协议', '甲方：广州某某律师事务所'] });
    const imported = await ok<{ outcomes: Array<{ contractId: string }> }>('library.import', {
      files: [{ uploadId: await upload(core, pdf, '保密协议.pdf') }],
    });
    const second = await ok<Contract>('contracts.get', { id: imported.outcomes[0].contractId });
    const signed = await signOffline(second);
    core.close(); // its loop must not take the upgrade first
    coreClosed = true;
    const app = new Library(dir, { actor: 'app' });
    const cli = new Library(dir, { actor: 'cli' });
    try {
      setUpgradePolicy(app.db, { level: 'B-LTA', timestampUrl: pki.tsa.url });
      const client = () => new EvidenceClient({ serviceUrl: service.url, token: token, stateDir: null });
      const [a, b] = await Promise.all([upgradeOnSync(app, client()), upgradeOnSync(cli, client())]);
      assert.equal(a.upgraded.length + b.upgraded.length, 1, 'exactly one of them adds the version');
      assert.deepEqual([...a.waiting, ...b.waiting], []);
      const doc = app.getContract(second.id).documents[0];
      assert.equal(doc.versions.length, 3);
      assert.equal(doc.versions[1].id, signed.id);
      const done = signatureUpgradesOf(app.db, second.id).find((x) => x.fromVersionId === signed.id);
      assert.equal(done?.level, 'B-LTA', `${JSON.stringify(done)}: a TSA whose certificate can be checked for revocation takes it to B-LTA`);
      const upgraded = file(doc.versions[2].sha256);
      const result = await verifyPdf(upgraded, {
        name: 'b-lta.pdf',
        lang: 'en',
        trustStore: await trustStoreFromFolder(path.join(dir, TRUSTED_CERTIFICATES_FOLDER)),
      });
      assert.equal(result.verdict, 'valid');
      assert.deepEqual(
        result.signatures.filter((s) => s.kind === 'signature').map((s) => s.level),
        ['B-LTA'],
      );
      await assertPdfsigValid(upgraded, pki.makeNssDb(path.join(dir, 'nss2')), 3);
      await assertQpdfClean(upgraded);
      assert.equal(done?.toVersionId, doc.versions[2].id);
      // The attempt that lost kept no bytes: the store holds the versions' files and nothing else.
      const stored = readdirSync(path.join(dir, 'documents'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      const held = app.db.prepare('SELECT count(DISTINCT sha256) AS n FROM versions').get() as { n: number };
      assert.equal(stored.length, held.n);
      assert.equal((await upgradeOnSync(app, client())).upgraded.length, 0, 'and a retry adds nothing');
    } finally {
      app.close();
      cli.close();
    }
  });
});
