import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, samplePdf, startHarness, type Harness } from './support/harness.js';

/**
 * Tenant isolation, table-driven over the service's own OpenAPI document: every operation is called
 * with no token and with another tenant's administrator token, aimed at tenant A's resources. A new
 * route is covered the moment it exists; one that takes a body without a fixture here fails the test.
 */

// Routes that need no token: the public transparency log and the verification page. Adding one
// is a deliberate decision, made here.
const PUBLIC_OPERATIONS = [
  'getOpenApi',
  'getHealth',
  'getRoot',
  'getVerifyPage',
  'getVerifyScript',
  'getLogInfo',
  'getCheckpoint',
  'getTile',
  'getConsistencyProof',
  'lookupEvidence',
  'verifyReceipt',
  // The built-in TSA (RFC 3161 over HTTP): it signs the hash it is shown and holds nothing of a tenant.
  'timestamp',
].sort();

interface Operation {
  method: string;
  path: string;
  operationId: string;
  public: boolean;
  hasBody: boolean;
  bodyTypes: string[];
}

describe('tenant isolation over every route', () => {
  let h: Harness;
  let a: { tenantId: string; token: string };
  let b: { tenantId: string; token: string };
  const secrets: Record<string, string> = {};
  let ops: Operation[] = [];

  before(async () => {
    h = await startHarness();
    a = await h.tenant('Tenant A');
    b = await h.tenant('Tenant B');
    const doc = await api(h, 'POST', '/v1/documents?event=signed&filename=a-secret-name.pdf&chainKey=a-chain', { token: a.token, body: samplePdf('A only') });
    const upload = await api(h, 'POST', '/v1/uploads', { token: a.token, json: { size: 100, event: 'signed' } });
    const principal = await api(h, 'POST', '/v1/principals', { token: a.token, json: { kind: 'device', name: 'A-laptop', role: 'member' } });
    await api(h, 'GET', `/v1/receipts/${doc.body.evidenceNumber}?waitMs=5000`, { token: a.token });
    const changed = await api(h, 'POST', '/v1/changes', {
      token: a.token,
      json: {
        changes: [
          { key: 'a-desk:1', kind: 'contract.created', contractId: 'a-contract-id', at: '2026-12-07T10:00:00.000Z', payload: { title: 'A-secret-title' } },
        ],
      },
    });
    assert.equal(changed.status, 200);
    Object.assign(secrets, {
      tenantId: a.tenantId,
      documentId: doc.body.documentId,
      documentHash: doc.body.documentHash,
      salt: doc.body.salt,
      filename: 'a-secret-name',
      uploadId: upload.body.uploadId,
      principalId: principal.body.principal.id,
      tokenId: principal.body.token.tokenId,
      evidenceNumber: doc.body.evidenceNumber,
      changeKey: 'a-desk:1',
      changeContract: 'a-contract-id',
      changeTitle: 'A-secret-title',
    });
    const paths = h.openapi.paths as Record<
      string,
      Record<string, { operationId: string; security: unknown[]; requestBody?: { content: Record<string, unknown> } }>
    >;
    ops = Object.entries(paths).flatMap(([p, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path: p,
        operationId: op.operationId,
        public: op.security.length === 0,
        hasBody: Boolean(op.requestBody),
        bodyTypes: Object.keys(op.requestBody?.content ?? {}),
      })),
    );
    // Ending a tenant's service changes what later calls may do: run it last.
    ops.sort((x, y) => Number(x.operationId === 'endService') - Number(y.operationId === 'endService'));
  });
  after(() => h?.close());

  /** Tenant A's resources, put where each route expects an id. */
  function pathFor(op: Operation): string {
    return op.path
      .replace('{number}', secrets.evidenceNumber)
      .replace('{path*}', '0/000.p/1')
      .replace('{id}', () => {
        if (op.path.startsWith('/v1/documents')) return secrets.documentId;
        if (op.path.startsWith('/v1/uploads')) return secrets.uploadId;
        if (op.path.startsWith('/v1/principals')) return secrets.principalId;
        if (op.path.startsWith('/v1/tokens')) return secrets.tokenId;
        throw new Error(`no fixture id for ${op.path}`);
      });
  }

  const QUERY: Record<string, string> = {
    getConsistencyProof: '?first=0&second=1',
    putUploadChunk: '?offset=0',
    submitDocument: '?event=signed',
    pullChanges: '?after=0',
    listDocuments: `?sha256=${'0'.repeat(64)}`,
  };
  const JSON_BODY: Record<string, unknown> = {
    verifyReceipt: { receipt: {} },
    createPrincipal: { kind: 'user', name: 'intruder', role: 'admin' },
    submitCommitment: { commitment: 'c'.repeat(64), event: 'signed' },
    createUpload: { size: 10, event: 'signed' },
    setLegalHold: { hold: false },
    pushChanges: { changes: [{ key: 'b-desk:1', kind: 'contract.updated', contractId: 'b-contract-id', at: '2026-12-07T10:00:00.000Z', payload: {} }] },
  };

  async function call(op: Operation, token?: string) {
    const p = pathFor(op) + (QUERY[op.operationId] ?? '');
    // Every header a route may require, so each call gets as far as the tenant check.
    const headers = { 'x-inkstone-purpose': 'isolation test', 'idempotency-key': `iso-${op.operationId}` };
    if (!op.hasBody) return api(h, op.method, p, { token, headers });
    if (op.bodyTypes.includes('application/json')) {
      if (!(op.operationId in JSON_BODY)) throw new Error(`add a body fixture for ${op.operationId}`);
      return api(h, op.method, p, { token, headers, json: JSON_BODY[op.operationId] });
    }
    return api(h, op.method, p, { token, headers, body: samplePdf('intruder'), contentType: op.bodyTypes[0] });
  }

  function assertNoLeak(op: Operation, text: string, who: string): void {
    // An error or an acknowledgement may repeat what the caller itself sent, in the path or the body.
    const asked = pathFor(op) + JSON.stringify(JSON_BODY[op.operationId] ?? '');
    for (const [name, value] of Object.entries(secrets)) {
      if (name === 'evidenceNumber' && op.public) continue; // evidence numbers are public by design
      if (asked.includes(value)) continue;
      assert.ok(!text.includes(value), `${op.method} ${op.path} leaks A's ${name} to ${who}`);
    }
  }

  it('the set of routes that need no token is exactly the public log surface', () => {
    assert.deepEqual(
      ops
        .filter((o) => o.public)
        .map((o) => o.operationId)
        .sort(),
      PUBLIC_OPERATIONS,
    );
    assert.ok(ops.filter((o) => !o.public).length >= 20, 'the tenant routes are in the table');
  });

  it('without a token every tenant route answers 401 and nothing else', async () => {
    for (const op of ops.filter((o) => !o.public)) {
      const res = await call(op);
      assert.equal(res.status, 401, `${op.method} ${op.path}`);
      assert.equal(res.body.error.code, 'EVIDENCE_UNAUTHENTICATED');
      assertNoLeak(op, res.text, 'an anonymous caller');
    }
    for (const op of ops.filter((o) => !o.public)) {
      const res = await api(h, op.method, pathFor(op), { token: 'iev_000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
      assert.equal(res.status, 401, `forged token on ${op.method} ${op.path}`);
    }
  });

  it("with tenant B's administrator token, A's resources are not found and nothing of A leaks", async () => {
    for (const op of ops) {
      const res = await call(op, op.public ? undefined : b.token);
      assertNoLeak(op, res.text, 'tenant B');
      if (!op.public && /\{(id|number)\}/u.test(op.path)) {
        assert.equal(res.status, 404, `${op.method} ${op.path} must not find A's resource (got ${res.status} ${res.text.slice(0, 200)})`);
      }
    }
  });

  it("tenant B pulls none of A's changes or documents, whatever cursor or hash it asks with", async () => {
    const bPerson = (await api(h, 'GET', '/v1/me', { token: b.token })).body.principalId;
    for (const q of ['?after=0', '?after=0&limit=500', '']) {
      const res = await api(h, 'GET', `/v1/changes${q}`, { token: b.token });
      assert.equal(res.status, 200);
      // B's own push of the walk above is all B sees.
      assert.deepEqual(
        res.body.changes.map((c: { kind: string; principalId: string }) => [c.kind, c.principalId]),
        [['contract.updated', bPerson]],
      );
      assert.ok(!res.text.includes('A-secret-title') && !res.text.includes('contract.created'));
    }
    const byHash = await api(h, 'GET', `/v1/documents?sha256=${secrets.documentHash}`, { token: b.token });
    assert.deepEqual([byHash.status, byHash.body.documents], [200, []]);
    const mine = await api(h, 'GET', `/v1/documents?sha256=${secrets.documentHash}`, { token: a.token });
    assert.deepEqual(
      mine.body.documents.map((d: { id: string }) => d.id),
      [secrets.documentId],
    );
    const content = await api(h, 'GET', `/v1/documents/${secrets.documentId}/content`, { token: b.token, headers: { 'x-inkstone-purpose': 'sync' } });
    assert.equal(content.status, 404);
  });

  it("A's data is intact afterwards and still A's", async () => {
    const doc = await api(h, 'GET', `/v1/documents/${secrets.documentId}`, { token: a.token });
    assert.equal(doc.status, 200);
    assert.equal(doc.body.deletedAt, null);
    assert.equal((await api(h, 'GET', '/v1/me', { token: a.token })).body.serviceEndedAt, null);
    const list = await api(h, 'GET', '/v1/documents', { token: b.token });
    assert.ok(list.body.documents.every((d: { id: string }) => d.id !== secrets.documentId));
    const changes = await api(h, 'GET', '/v1/changes?after=0', { token: a.token });
    assert.deepEqual(
      changes.body.changes.map((c: { key: string; payload: unknown }) => [c.key, c.payload]),
      [['a-desk:1', { title: 'A-secret-title' }]],
    );
    const log = await api(h, 'GET', '/v1/access-log', { token: a.token });
    assert.ok(log.body.records.every((r: { principalId: string }) => !r.principalId.startsWith(b.tenantId)));
  });
});
