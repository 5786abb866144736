import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importFiles } from '../../src-main/core/library/index.js';
import { verifyAuditChain } from '../../src-main/core/audit/index.js';
import { conflictsOf, runSyncPass, syncStatus } from '../../src-main/core/sync/index.js';
import { api, samplePdf } from '../evidence/support/harness.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { startTeam, type Desktop, type Team } from './support/desktops.js';

/**
 * The team library (issue 11) with real components: an evidence service started here (SQLite and
 * PostgreSQL), two data folders as two desktops of one tenant, each its own person.
 */

const outbox = (d: Desktop) =>
  d.library.db.prepare('SELECT change_key, kind, audit_seq, acked_seq FROM sync_outbox ORDER BY seq').all() as Array<{
    change_key: string;
    kind: string;
    audit_seq: number;
    acked_seq: number | null;
  }>;

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`team library through the evidence service (${backend})`, () => {
    let team: Team;
    let a: Desktop;
    let b: Desktop;

    before(async () => {
      team = await startTeam({ backend });
      a = await team.desktop('张律师');
      b = await team.desktop('李律师');
    });
    after(() => team?.close());

    it('every shared change is queued with its audit entry, in the same transaction, under a key of its own', () => {
      const c = a.library.createContract({ title: '采购合同', owner: '王主任' }, { parties: [{ role: '甲方', name: '星河科技有限公司' }] });
      a.library.updateContract(c.id, { notes: '首批' });
      assert.equal(a.library.getContract(c.id).owner, '王主任', 'an edit of one field leaves the others as they were');
      assert.throws(() => a.library.updateContract(c.id, { title: '' })); // refused: neither audited nor queued
      const queued = outbox(a);
      assert.deepEqual(
        queued.map((q) => q.kind),
        ['contract.created', 'contract.updated'],
      );
      const audit = a.library.db.prepare('SELECT seq, action FROM audit_events ORDER BY seq').all() as Array<{ seq: number; action: string }>;
      assert.deepEqual(
        queued.map((q) => q.audit_seq),
        audit.map((e) => e.seq),
      );
      assert.equal(new Set(queued.map((q) => q.change_key)).size, 2);
      assert.ok(queued.every((q) => q.acked_seq === null));
      assert.deepEqual(syncStatus(a.library).unsyncedContracts, [c.id]);
    });

    it('create, edit and import on A → sync → B has the contract, parties, versions and byte-identical documents, made by A’s person', async () => {
      const pdf = await makeTextPdf({ title: '服务合同', lines: ['服务合同', '甲方：星河科技有限公司', '保密条款'] });
      const [imported] = await importFiles(a.library, [{ name: '服务合同.pdf', bytes: pdf }]);
      assert.ok(imported.ok);
      const id = imported.contractId;
      a.library.updateContract(id, { owner: '张律师', tags: ['重要'] });
      a.library.addParty(id, { role: '乙方', name: '同舟贸易有限公司' });
      const doc = a.library.getContract(id).documents[0];
      const v2 = samplePdf('signed copy', 10);
      const { sha256 } = await a.library.store.put(v2);
      a.library.addVersion(doc.id, { sha256, size: v2.length, pageCount: 1, signatureFieldCount: 1, origin: 'signing', text: '服务合同 保密条款 已签署' });

      const sentA = await runSyncPass(a.library, a.client());
      assert.equal(sentA.pending, 0);
      assert.ok(sentA.sent >= 6);
      const gotB = await runSyncPass(b.library, b.client());
      assert.equal(gotB.received, sentA.sent);

      const onA = a.library.getContract(id);
      const onB = b.library.getContract(id);
      const shape = (c: typeof onA) => ({
        title: c.title,
        owner: c.owner,
        tags: c.tags,
        status: c.status,
        parties: c.parties.map((p) => [p.id, p.role, p.name]),
        documents: c.documents.map((d) => [d.id, d.name, d.versions.map((v) => [v.id, v.number, v.sha256, v.pageCount, v.origin])]),
      });
      assert.deepEqual(shape(onB), shape(onA));
      for (const v of onA.documents[0].versions) {
        assert.deepEqual(readFileSync(b.library.store.pathFor(v.sha256)), readFileSync(a.library.store.pathFor(v.sha256)));
      }
      assert.equal(b.library.search({ text: '保密' }).total, 1, 'the document text is searchable on B');
      const history = b.library.audit(id);
      assert.ok(history.chainIntact);
      assert.ok(history.events.length >= 4);
      assert.ok(
        history.events.every((e) => e.actor === '张律师'),
        'B’s audit trail shows the person who made each change',
      );
      assert.equal(verifyAuditChain(b.library.db).intact, true);
      assert.deepEqual(outbox(b), [], 'what B applied is not sent back');
      assert.equal(syncStatus(a.library).unsyncedContracts.length, 0);
    });

    it('a document is uploaded once per tenant: B attaching the same bytes only looks it up', async () => {
      const before = (await api(team.h, 'GET', '/v1/documents?limit=500', { token: a.token })).body.documents.length;
      const c = b.library.createContract({ title: '副本' });
      const sha = a.library.search({}).hits.flatMap((h) => a.library.getContract(h.id).documents.flatMap((d) => d.versions.map((v) => v.sha256)))[0];
      const bytes = await a.library.store.read(sha);
      await b.library.store.put(bytes);
      b.library.addDocument(c.id, 'copy.pdf', { sha256: sha, size: bytes.length, pageCount: 1, signatureFieldCount: 0, origin: 'import', text: '' });
      await runSyncPass(b.library, b.client());
      const after = (await api(team.h, 'GET', '/v1/documents?limit=500', { token: a.token })).body.documents.length;
      assert.equal(after, before);
      await runSyncPass(a.library, a.client());
      assert.equal(a.library.getContract(c.id).documents[0].versions[0].sha256, sha);
    });

    it('concurrent edits of one field: the later in the service’s order wins on both desktops, the other is a conflict on both', async () => {
      const c = a.library.createContract({ title: '租赁合同', notes: '原备注' });
      await runSyncPass(a.library, a.client());
      await runSyncPass(b.library, b.client());
      a.library.updateContract(c.id, { title: '租赁合同（甲方版）', owner: '张律师' });
      b.library.updateContract(c.id, { title: '租赁合同（乙方版）', notes: '乙方备注' });
      await runSyncPass(a.library, a.client()); // A's edit is numbered first…
      await runSyncPass(b.library, b.client()); // …B's after it: B's title wins
      await runSyncPass(a.library, a.client());
      for (const d of [a, b]) {
        const now = d.library.getContract(c.id);
        assert.equal(now.title, '租赁合同（乙方版）', `${d.person}: ${JSON.stringify([now.title, now.owner, now.notes, conflictsOf(d.library.db, c.id)])}`);
        assert.equal(now.owner, '张律师', `${d.person}: a field only A edited is A's`);
        assert.equal(now.notes, '乙方备注', `${d.person}: a field only B edited is B's`);
        const conflicts = conflictsOf(d.library.db, c.id);
        assert.deepEqual(
          conflicts.map((x) => [x.field, x.kept, x.lost]),
          [['title', '租赁合同（乙方版）', '租赁合同（甲方版）']],
          d.person,
        );
        const audited = d.library.audit(c.id).events.filter((e) => e.action === 'sync.conflict');
        assert.equal(audited.length, 1, `${d.person}: the losing value is in the audit trail`);
        assert.equal(audited[0].details.lost, '租赁合同（甲方版）');
      }
    });

    it('a lost acknowledgement: the changes are sent again under their keys and recorded once', async () => {
      const c = a.library.createContract({ title: '借款合同' });
      a.library.setStatus(c.id, 'in_review');
      let swallowed = 0;
      const lossy: typeof fetch = async (input, init) => {
        const res = await fetch(input, init);
        if (String(input).endsWith('/v1/changes') && init?.method === 'POST') {
          swallowed++;
          throw new TypeError('connection reset after the service answered');
        }
        return res;
      };
      await assert.rejects(runSyncPass(a.library, a.client({ fetch: lossy })), /EVIDENCE_SERVICE_UNAVAILABLE|cannot be reached/u);
      assert.equal(swallowed, 1);
      assert.equal(syncStatus(a.library).pending, 2);
      assert.equal(syncStatus(a.library).lastError?.error.code, 'EVIDENCE_SERVICE_UNAVAILABLE');
      await runSyncPass(a.library, a.client());
      const keys = outbox(a)
        .filter((q) => q.audit_seq > 0)
        .map((q) => q.change_key);
      const feed = (await api(team.h, 'GET', '/v1/changes?after=0&limit=500', { token: a.token })).body.changes as Array<{ key: string }>;
      for (const key of keys) assert.equal(feed.filter((f) => f.key === key).length, 1, key);
      assert.equal(syncStatus(a.library).lastError, null);
      await runSyncPass(b.library, b.client());
      assert.equal(b.library.getContract(c.id).status, 'in_review');
    });

    it('a 20 MB upload interrupted at 60 % resumes there after a restart, sending no completed chunk again', async () => {
      const big = samplePdf('big', 20 * 1024 * 1024);
      const { sha256 } = await a.library.store.put(big);
      const c = a.library.createContract({ title: '大文件合同' });
      a.library.addDocument(c.id, 'big.pdf', { sha256, size: big.length, pageCount: 1, signatureFieldCount: 0, origin: 'import', text: '' });
      const chunk = 1024 * 1024;
      let sentBytes = 0;
      let chunks = 0;
      const counting =
        (limit: number): typeof fetch =>
        async (input, init) => {
          if (String(input).includes('/chunks?')) {
            if (chunks >= limit) throw new TypeError('the core was stopped');
            chunks++;
            sentBytes += (init?.body as Uint8Array).length;
          }
          return fetch(input, init);
        };
      const sixty = Math.ceil((big.length * 0.6) / chunk);
      await assert.rejects(runSyncPass(a.library, a.client({ fetch: counting(sixty) }), { chunkSize: chunk }));
      assert.equal(sentBytes, sixty * chunk);
      a.library.close();
      const { Library } = await import('../../src-main/core/library/index.js');
      const reopened = new Library(a.dir, { actor: a.person });
      Object.assign(a, { library: reopened });
      await runSyncPass(reopened, a.client({ fetch: counting(Infinity) }), { chunkSize: chunk });
      assert.equal(sentBytes, big.length, 'every byte was sent exactly once');
      await runSyncPass(b.library, b.client());
      assert.deepEqual(readFileSync(b.library.store.pathFor(sha256)), big);
    });
  });
}
