// Contract library at 100k contracts: ingest rate, cold open, full-text search and list paging,
// each against a plain-SQLite baseline measured in the same run.
//   node --import tsx bench/library.ts [count]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Library } from '../src-main/core/library/index.js';
import { generateContracts, seedLibrary } from './contracts-generator.js';
import { ms, percentile, writeResultsSection } from './results.js';

const COUNT = Number(process.argv[2] ?? 100_000);
const loadBefore = loadavg()[0];
const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-bench-lib-'));
const time = (fn: () => void): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

// Ingest through the Library (search index, party names, audit chain) vs bare INSERTs of the same rows.
let lib = new Library(dir);
const ingestMs = time(() => seedLibrary(lib, COUNT));
lib.close();
const raw = new Database(path.join(dir, 'baseline.sqlite'));
raw.exec('CREATE TABLE c (id INTEGER PRIMARY KEY, title TEXT, notes TEXT, parties TEXT)');
const ins = raw.prepare('INSERT INTO c (title, notes, parties) VALUES (?, ?, ?)');
const rawIngestMs = time(() =>
  raw.transaction(() => {
    for (const g of generateContracts(COUNT)) ins.run(g.title, g.body, JSON.stringify(g.parties));
  })(),
);

// Cold open: a fresh process-level open of the library (pragmas + migration check) vs bare open.
const coldMs: number[] = [];
const rawColdMs: number[] = [];
for (let i = 0; i < 5; i++) {
  coldMs.push(
    time(() => {
      const l = new Library(dir);
      l.search({ limit: 1 });
      l.close();
    }),
  );
  rawColdMs.push(
    time(() => {
      const d = new Database(path.join(dir, 'baseline.sqlite'));
      d.prepare('SELECT * FROM c LIMIT 1').get();
      d.close();
    }),
  );
}

lib = new Library(dir);
const queries = [
  '保密',
  '租赁合同',
  '北京',
  '律师事务所',
  '张伟',
  '仲裁',
  'confidential',
  'Acme',
  'indemnity',
  'lease',
  'Globex supply',
  '采购',
  '股权转让',
  'force majeure',
  'Northwind',
  '违约责任',
];
const ftsMs: number[] = [];
const ftsFirstMs: number[] = [];
const likeMs: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const q of queries) {
    const t = time(() => lib.search({ text: q, limit: 200 }));
    ftsMs.push(t);
    // The library keeps a ranked window until the database changes; round 0 is every query's first run.
    if (round === 0) ftsFirstMs.push(t);
    likeMs.push(time(() => raw.prepare('SELECT id FROM c WHERE title LIKE ? OR notes LIKE ? OR parties LIKE ? LIMIT 200').all(`%${q}%`, `%${q}%`, `%${q}%`)));
  }
}
const pageMs: number[] = [];
const pageFirstMs: number[] = [];
const rawPageMs: number[] = [];
for (const offset of [0, 200, 10_000, 50_000, COUNT - 200]) {
  for (let round = 0; round < 5; round++) {
    const t = time(() => lib.search({ sort: 'updated', offset, limit: 200 }));
    pageMs.push(t);
    // The first visit of an offset counts the list or walks the anchors up to it.
    if (round === 0) pageFirstMs.push(t);
    rawPageMs.push(time(() => raw.prepare('SELECT * FROM c ORDER BY id DESC LIMIT 200 OFFSET ?').all(offset)));
  }
}
const filteredMs: number[] = [];
for (let round = 0; round < 5; round++) filteredMs.push(time(() => lib.search({ text: '保密', status: ['signed'], sort: 'expiry', limit: 200 })));
// What the UI asks for: the same searches with a snippet per row (the windows are kept by now, so
// this is the page's snippets on top of a slice), and "show all" of a common word, first run.
const snippetMs: number[] = [];
for (const q of queries) snippetMs.push(time(() => lib.search({ text: q, limit: 200, snippets: true })));
const allMs = time(() => lib.search({ text: '保密', limit: 200, all: true }));
lib.close();
raw.close();
rmSync(dir, { recursive: true, force: true });

const rows = [
  [
    'Ingest (search row + parties + audit)',
    `${Math.round(COUNT / (ingestMs / 1000)).toLocaleString('en')} contracts/s`,
    `${Math.round(COUNT / (rawIngestMs / 1000)).toLocaleString('en')} rows/s bare INSERT`,
    `${(ingestMs / rawIngestMs).toFixed(1)}× slower`,
    '—',
  ],
  [
    'Cold open + first query (median of 5)',
    ms(percentile(coldMs, 50)),
    ms(percentile(rawColdMs, 50)),
    `${(percentile(coldMs, 50) / percentile(rawColdMs, 50)).toFixed(1)}×`,
    '≤ 200 ms',
  ],
  [
    'Full-text search p50',
    ms(percentile(ftsMs, 50)),
    `${ms(percentile(likeMs, 50))} LIKE scan`,
    `${(percentile(likeMs, 50) / percentile(ftsMs, 50)).toFixed(1)}× faster`,
    '—',
  ],
  [
    'Full-text search p95',
    ms(percentile(ftsMs, 95)),
    `${ms(percentile(likeMs, 95))} LIKE scan`,
    `${(percentile(likeMs, 95) / percentile(ftsMs, 95)).toFixed(1)}× faster`,
    '≤ 10 ms',
  ],
  ['Full-text search, first run of each query: p50 / max', `${ms(percentile(ftsFirstMs, 50))} / ${ms(Math.max(...ftsFirstMs))}`, '—', '—', '—'],
  [
    'List page of 200 p50',
    ms(percentile(pageMs, 50)),
    ms(percentile(rawPageMs, 50)),
    `${(percentile(pageMs, 50) / percentile(rawPageMs, 50)).toFixed(1)}×`,
    '—',
  ],
  [
    'List page of 200 p95 (offsets 0…end)',
    ms(percentile(pageMs, 95)),
    ms(percentile(rawPageMs, 95)),
    `${(percentile(pageMs, 95) / percentile(rawPageMs, 95)).toFixed(1)}×`,
    '≤ 5 ms',
  ],
  ['List page of 200, first visit of each offset: max', ms(Math.max(...pageFirstMs)), '—', '—', '—'],
  ['Search + status filter + expiry sort p95', ms(percentile(filteredMs, 95)), '—', '—', '≤ 10 ms'],
  ['Search with snippets, page of 200 (window kept): p50 / max', `${ms(percentile(snippetMs, 50))} / ${ms(Math.max(...snippetMs))}`, '—', '—', '—'],
  ['"Show all" of 保密, first run', ms(allMs), '—', '—', '—'],
];
const table = [
  `## Contract library — ${COUNT.toLocaleString('en')} contracts`,
  '',
  `Synthetic contracts (60 % Chinese, 40 % English; two parties, tags, value, dates and a clause paragraph each), ${queries.length} queries × 5 rounds; list pages sorted by last change at offsets 0, 200, 10,000, 50,000 and the last page, 5 rounds each. Baseline: the same rows in a bare SQLite table, same run. The library keeps each search's ranked window and each list's anchors until the database changes, so later rounds reuse them; the "first run" rows show the cost without.`,
  '',
  `Machine load average (1 min), 2 cores shared with other work: ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end.`,
  '',
  '| measure | Inkstone | baseline | ratio | target |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
console.log(table);
// The samples behind the list figures, offset by offset (rounds in order), for reading an outlier.
console.log(
  `\nlist page samples (ms): ${[0, 200, 10_000, 50_000, COUNT - 200]
    .map(
      (o, i) =>
        `${o}: ${pageMs
          .slice(i * 5, i * 5 + 5)
          .map((t) => t.toFixed(1))
          .join(' ')}`,
    )
    .join(' | ')}`,
);
writeResultsSection('library', table);
