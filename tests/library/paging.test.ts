import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Library, SEARCH_WINDOW, buildMatchExpression, contractFilterSql } from '../../src-main/core/library/index.js';
import { MIGRATIONS, openDatabase } from '../../src-main/core/db/index.js';
import { STATUS_TRANSITIONS, type SearchHit, type SearchQuery } from '../../src-shared/api/index.js';

// List pages seek from cached anchors and text searches keep their ranked window until the database
// changes. Both must answer exactly what the plain queries they replaced answer — the same rows in the
// same order with the same totals and scores — at any offset, and after any change (through the
// Library, through its connection, or by another connection) that could leave an anchor stale.

const N = 64;
const COUNT = 17 * N + 37;
let dir: string;
let lib: Library;

const TITLES = ['alpha', 'Alpha', 'ALPHA', 'beta', 'Gamma lease', '保密协议', '租赁合同', 'delta'];
const STATUSES = ['draft', 'in_review', 'signing', 'signed', 'archived', 'terminated'] as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const r = rng(7);
const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];

/** Few distinct keys, so every sort has long runs of ties (longer than an anchor interval). */
function fields(i: number) {
  return {
    title: `${pick(TITLES)}${r() < 0.3 ? ` ${i % 7}` : ''}`,
    tags: r() < 0.5 ? [pick(['采购', 'NDA', 'renewal'])] : [],
    value: r() < 0.4 ? null : { amount: pick(['5', '5.00', '-12.5', '900', '1250000.00', '0']), currency: 'CNY' },
    expiryDate: r() < 0.5 ? null : pick(['2026-01-31', '2027-06-30', '2028-12-31']),
    notes: `confidential clause ${i % 3 === 0 ? '保密条款' : 'indemnity'} common`,
  };
}

/** What `search` answered for lists before anchors: the same filters, one LIMIT/OFFSET query. */
const OLD_SORT_SQL: Record<string, string> = {
  updated: 'c.updated_at',
  title: 'c.title COLLATE NOCASE',
  expiry: "coalesce(c.expiry_date, '9999-12-31')",
  value: 'CAST(c.value_amount AS REAL)',
};

function plainList(q: SearchQuery): { total: number; ids: string[] } {
  const { filters, params } = contractFilterSql(q);
  const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
  const dirSql = q.direction === 'asc' ? 'ASC' : 'DESC';
  const key = OLD_SORT_SQL[q.sort === 'relevance' || !q.sort ? 'updated' : q.sort];
  const total = (lib.db.prepare(`SELECT count(*) AS n FROM contracts c ${where}`).get(...params) as { n: number }).n;
  const ids = lib.db
    .prepare(`SELECT c.id FROM contracts c ${where} ORDER BY ${key} ${dirSql}, c.rowid ${dirSql} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, q.limit ?? 200, q.offset ?? 0) as string[];
  return { total, ids };
}

/** What `search` answered for text before the ranked window was cached and ordered in SQL. */
function plainTextSearch(q: SearchQuery): { total: number; totalIsExact: boolean; hits: Array<{ id: string; score: number }> } {
  const match = buildMatchExpression(q.text ?? '');
  assert.ok(match);
  const { filters, params } = contractFilterSql(q);
  const sort = q.sort ?? 'relevance';
  const dirSql = q.direction === 'asc' ? 'ASC' : 'DESC';
  const needsJoin = filters.length > 0 || sort !== 'relevance';
  const key = sort === 'relevance' ? '-bm25(contracts_fts, 10.0, 5.0, 5.0, 2.0, 1.0)' : OLD_SORT_SQL[sort];
  const window = lib.db
    .prepare(
      `SELECT f.rowid AS rid, ${key} AS k FROM contracts_fts f ${needsJoin ? 'CROSS JOIN contracts c ON c.rowid = f.rowid' : ''}
       WHERE contracts_fts MATCH ?${filters.map((f) => ` AND ${f}`).join('')} ORDER BY f.rowid DESC LIMIT ${SEARCH_WINDOW}`,
    )
    .all(match, ...params) as Array<{ rid: number; k: number | string | null }>;
  const sign = dirSql === 'ASC' ? 1 : -1;
  window.sort((a, b) => {
    const ka = a.k ?? '';
    const kb = b.k ?? '';
    const byKey = typeof ka === 'string' || typeof kb === 'string' ? String(ka).localeCompare(String(kb)) : ka - kb;
    return byKey !== 0 ? sign * byKey : b.rid - a.rid;
  });
  const offset = q.offset ?? 0;
  const page = window.slice(offset, offset + (q.limit ?? 200));
  const idOf = lib.db.prepare('SELECT id FROM contracts WHERE rowid = ?').pluck();
  const hits = page.flatMap((w) => {
    const id = idOf.get(w.rid) as string | undefined;
    return id ? [{ id, score: sort === 'relevance' ? Number(w.k) : 0 }] : [];
  });
  return { total: window.length, totalIsExact: window.length < SEARCH_WINDOW, hits };
}

const FILTERS: SearchQuery[] = [
  {},
  { status: ['signed'] },
  { status: ['draft', 'archived', 'in_review'] },
  { tag: '采购' },
  { party: '某某' },
  { expiryFrom: '2027-01-01', expiryTo: '2028-12-31' },
  { status: ['signing', 'signed'], tag: 'NDA' },
];
const SORTS = ['updated', 'title', 'expiry', 'value', 'relevance'] as const;
const LIST_SORTS = ['updated', 'title', 'expiry', 'value'] as const;
const OFFSETS = [0, 1, N - 1, N, N + 1, 2 * N - 3, 3 * N, 7 * N + 5, 12 * N + 63, COUNT - 200, COUNT - 1, COUNT, COUNT + 50];

function checkLists(label: string, rounds = 1): void {
  for (let round = 0; round < rounds; round++) {
    for (const f of FILTERS) {
      for (const sort of round === 0 ? SORTS : LIST_SORTS) {
        for (const direction of ['asc', 'desc'] as const) {
          // Deep pages first, so anchors exist before the shallow ones are compared.
          for (const offset of [...OFFSETS].reverse()) {
            for (const limit of [offset % 2 ? 7 : 200]) {
              const q: SearchQuery = { ...f, sort, direction, offset, limit };
              const got = lib.search(q);
              const want = plainList(q);
              assert.equal(got.total, want.total, `${label}: total of ${JSON.stringify(q)}`);
              assert.deepEqual(
                got.hits.map((h) => h.id),
                want.ids,
                `${label}: page ${JSON.stringify(q)}`,
              );
            }
          }
        }
      }
    }
  }
}

function checkText(label: string): void {
  for (const text of ['common', '保密', 'alpha', 'indemnity common', 'lea']) {
    for (const f of [{}, { status: ['signed', 'draft'] as SearchQuery['status'] }, { tag: 'NDA' }]) {
      for (const sort of SORTS) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const [offset, limit] of [
            [0, 200],
            [950, 100],
          ]) {
            const q: SearchQuery = { ...f, text, sort, direction, offset, limit };
            const got = lib.search(q);
            const want = plainTextSearch(q);
            assert.equal(got.total, want.total, `${label}: total of ${JSON.stringify(q)}`);
            assert.equal(got.totalIsExact, want.totalIsExact, `${label}: totalIsExact of ${JSON.stringify(q)}`);
            assert.deepEqual(
              got.hits.map((h: SearchHit) => ({ id: h.id, score: h.score })),
              want.hits,
              `${label}: hits of ${JSON.stringify(q)}`,
            );
          }
        }
      }
    }
  }
}

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-paging-'));
  lib = new Library(dir, { listAnchorEvery: N });
  lib.db.transaction(() => {
    for (let i = 0; i < COUNT; i++) {
      lib.createContract(fields(i), {
        status: pick(STATUSES),
        parties: r() < 0.5 ? [{ role: '甲方', name: '张伟', organisation: '北京某某科技有限公司' }] : [],
      });
    }
  })();
});
after(() => {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
});

test('list pages from anchors equal plain LIMIT/OFFSET pages at every offset, sort, direction and filter', () => {
  assert.ok(COUNT > 4 * N, 'several anchor intervals');
  checkLists('fresh', 2);
});

test('text searches equal the uncached, JS-ranked search they replaced, including scores and totals', () => {
  assert.ok(lib.search({ text: 'common' }).total === SEARCH_WINDOW && !lib.search({ text: 'common' }).totalIsExact, 'the window is full');
  checkText('fresh');
  checkText('cached');
});

/** A few shapes, few enough that all their anchors, totals and windows stay cached. */
const PRIMED: SearchQuery[] = [
  { sort: 'updated', direction: 'desc' },
  { sort: 'title', direction: 'asc' },
  { sort: 'value', direction: 'desc', status: ['draft', 'archived', 'in_review'] },
  { sort: 'expiry', direction: 'asc', tag: '采购' },
];
const PRIMED_TEXT: SearchQuery[] = [{ text: 'common' }, { text: '保密', sort: 'title', direction: 'asc' }];

/** Fill the caches, change the database, and compare exactly the cached shapes first. */
function afterChange(label: string, change: () => void): void {
  for (const q of PRIMED) for (const offset of [COUNT - 1, 3 * N + 1, 0]) lib.search({ ...q, offset, limit: 50 });
  for (const q of PRIMED_TEXT) lib.search(q);
  change();
  for (const q of PRIMED) {
    for (const offset of [COUNT - 1, 3 * N + 1, 2 * N, N + 5, 0]) {
      const got = lib.search({ ...q, offset, limit: 50 });
      const want = plainList({ ...q, offset, limit: 50 });
      assert.equal(got.total, want.total, `${label}: total of ${JSON.stringify(q)} at ${offset}`);
      assert.deepEqual(
        got.hits.map((h) => h.id),
        want.ids,
        `${label}: page of ${JSON.stringify(q)} at ${offset}`,
      );
    }
  }
  for (const q of PRIMED_TEXT) {
    const got = lib.search(q);
    const want = plainTextSearch(q);
    assert.equal(got.total, want.total, `${label}: total of ${JSON.stringify(q)}`);
    assert.deepEqual(
      got.hits.map((h) => ({ id: h.id, score: h.score })),
      want.hits,
      `${label}: hits of ${JSON.stringify(q)}`,
    );
  }
}

test('after inserts, updates, status changes and deletes no stale anchor or window is used', () => {
  const ids = lib.search({ sort: 'title', direction: 'asc', limit: 500, offset: 3 * N }).hits.map((h) => h.id);
  // Library writes: new rows at the top of "updated", moved keys, changed status.
  afterChange('after inserts', () => {
    for (let i = 0; i < 40; i++) lib.createContract({ ...fields(COUNT + i), tags: ['采购'], notes: 'common fresh 保密' }, { status: 'draft' });
  });
  afterChange('after updates', () => {
    for (const id of ids.slice(0, 60))
      lib.updateContract(id, { title: 'aaa moved to the front', value: { amount: '7', currency: 'USD' }, expiryDate: '2020-01-01', tags: ['采购'] });
  });
  afterChange('after status changes', () => {
    for (const id of ids.slice(60, 120)) {
      // "signed" follows signatures (refused by hand): take the first other way on.
      const next = STATUS_TRANSITIONS[lib.getContract(id).status].find((s) => s !== 'signed');
      if (next) lib.setStatus(id, next);
    }
  });
  // Writes through the connection, behind the Library's back.
  afterChange('after deletes through the connection', () => {
    const victims = lib.search({ sort: 'value', offset: N, limit: 120 }).hits.map((h) => h.id);
    const del = lib.db.prepare('DELETE FROM contracts WHERE id = ?');
    for (const id of victims) del.run(id);
  });
  afterChange('after an update through the connection', () => {
    lib.db.prepare("UPDATE contracts SET updated_at = '2030-01-01T00:00:00.000Z', title = 'Zulu' WHERE rowid % 11 = 0").run();
  });
  // A commit by another connection (the CLI beside the app).
  afterChange('after another connection', () => {
    const other = new Library(dir, { listAnchorEvery: N });
    try {
      other.db.prepare("UPDATE contracts SET title = 'zzz', value_amount = NULL, value_currency = NULL WHERE rowid % 5 = 0").run();
      for (let i = 0; i < 10; i++) other.createContract({ ...fields(i), notes: 'common other 保密' });
    } finally {
      other.close();
    }
  });
  checkLists('after all changes');
  checkText('after all changes');
});

test('a search inside a transaction that is rolled back leaves nothing stale behind', () => {
  checkLists('before');
  assert.throws(() =>
    lib.db.transaction(() => {
      lib.db.prepare("UPDATE contracts SET title = 'inside' WHERE rowid % 3 = 0").run();
      lib.db.prepare('DELETE FROM contracts WHERE rowid % 17 = 0').run();
      lib.search({ sort: 'title', offset: 4 * N, limit: 50 });
      lib.search({ text: 'common', sort: 'title' });
      throw new Error('roll back');
    })(),
  );
  checkLists('after rollback');
  checkText('after rollback');
});

test('the contract count that list totals read is seeded from the contracts already there', () => {
  const d = mkdtempSync(path.join(tmpdir(), 'inkstone-count-'));
  try {
    // A database from before the count: the migrations up to it (later ones come after it by number).
    const counted = MIGRATIONS.find((m) => m.name === 'number of contracts kept by triggers');
    assert.ok(counted);
    // Rows written as that schema's library wrote them (today's code writes tables it does not have yet).
    const old = openDatabase(path.join(d, 'library.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version < counted.version) });
    const at = new Date().toISOString();
    const insert = old.prepare("INSERT INTO contracts (id, title, status, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?)");
    for (let i = 0; i < 3; i++) insert.run(`${i}`.padStart(32, '0'), `before ${i}`, at, at);
    old.close();
    const now = new Library(d);
    try {
      assert.equal(now.search({}).total, 3);
      now.createContract({ title: 'after' });
      now.db.prepare("DELETE FROM contracts WHERE title = 'before 0'").run();
      assert.equal(now.search({}).total, 3);
      assert.equal(now.search({ offset: 2 }).hits.length, 1);
    } finally {
      now.close();
    }
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
