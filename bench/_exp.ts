import { existsSync } from 'node:fs';
import { Library, buildMatchExpression } from '../src-main/core/library/index.js';
import { seedLibrary } from './contracts-generator.js';
const dir = '/tmp/lib100k';
const fresh = !existsSync(dir + '/library.sqlite');
const lib = new Library(dir);
if (fresh) { const t = performance.now(); seedLibrary(lib, 100000); console.log('seeded', performance.now() - t); }
const tm = (label: string, f: () => unknown) => { f(); const xs: number[] = []; for (let i = 0; i < 5; i++) { const t0 = performance.now(); f(); xs.push(performance.now() - t0); } xs.sort((a, b) => a - b); console.log(label.padEnd(40), xs[2].toFixed(2)); };
for (const q of ['北京', '保密', 'confidential', 'Acme', '张伟', 'force majeure']) {
  const m = buildMatchExpression(q)!;
  const n = (lib.db.prepare('SELECT count(*) n FROM contracts_fts WHERE contracts_fts MATCH ?').get(m) as { n: number }).n;
  console.log('---', q, m, n);
  tm('count all', () => lib.db.prepare('SELECT count(*) n FROM contracts_fts WHERE contracts_fts MATCH ?').get(m));
  tm('count cap 5001', () => lib.db.prepare('SELECT count(*) n FROM (SELECT 1 FROM contracts_fts WHERE contracts_fts MATCH ? LIMIT 5001)').get(m));
  tm('window2000 bm25 nojoin', () => lib.db.prepare('SELECT rowid, bm25(contracts_fts,10,5,5,2,1) s FROM contracts_fts WHERE contracts_fts MATCH ? ORDER BY rowid DESC LIMIT 2000').all(m));
  tm('window2000 rowid only', () => lib.db.prepare('SELECT rowid FROM contracts_fts WHERE contracts_fts MATCH ? ORDER BY rowid DESC LIMIT 2000').all(m));
  tm('window500 bm25', () => lib.db.prepare('SELECT rowid, bm25(contracts_fts,10,5,5,2,1) s FROM contracts_fts WHERE contracts_fts MATCH ? ORDER BY rowid DESC LIMIT 500').all(m));
  tm('full search()', () => lib.search({ text: q, limit: 200 }));
}
