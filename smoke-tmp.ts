import { readFileSync } from 'node:fs';
import { PdfDocument, bufferSource, listPages, listFields, findSignatures, readDss, getDocMdp } from './src-main/core/pdf/index.js';
import { padesCorpusFiles, allFixtures } from './tests/fixtures/pdfs.js';
const files = [...padesCorpusFiles().filter(f => !/multiple-pages|DSS-3577|modified_after|certified-no/.test(f)), ...(await allFixtures()).filter(f=>!/large|500|classic/.test(f.name)).map(f => f.path)];
let seed = Number(process.argv[2] ?? 1);
const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
const counts: Record<string, number> = {};
let maxMs = 0;
for (let i = 0; i < 3000; i++) {
  const src = readFileSync(files[Math.floor(rnd() * files.length)]);
  const buf = Buffer.from(src);
  const n = 1 + Math.floor(rnd() * Number(process.argv[3] ?? 8));
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * buf.length);
    const m = rnd();
    if (m < 0.5) buf[at] = Math.floor(rnd() * 256);
    else if (m < 0.7) buf[at] = '0123456789<>[]()/ '.charCodeAt(Math.floor(rnd() * 18));
    else if (m < 0.85) buf.copy(buf, at, Math.floor(rnd() * buf.length), Math.floor(rnd() * buf.length));
    else buf.fill(0x20, at, Math.min(buf.length, at + Math.floor(rnd() * 50)));
  }
  const data = rnd() < 0.1 ? buf.subarray(0, Math.floor(rnd() * buf.length)) : buf;
  const t = Date.now();
  try {
    const doc = PdfDocument.open(bufferSource(data));
    listPages(doc); listFields(doc); findSignatures(doc); readDss(doc); getDocMdp(doc);
    for (let r = 0; r < doc.revisions.length; r++) findSignatures(doc.asOf(r));
    counts.ok = (counts.ok ?? 0) + 1;
  } catch (e) {
    const code = (e as any).code;
    if (!code || !/^PDF_/.test(code)) { console.log('UNTYPED', i, code, (e as Error).stack?.split('\n').slice(0, 5).join(' | ')); }
    const key = (code ?? 'untyped') + ':' + String((e as any).details?.reason ?? '').replace(/[0-9]+/g, 'N').slice(0, 70); counts[key] = (counts[key] ?? 0) + 1;
  }
  maxMs = Math.max(maxMs, Date.now() - t);
}
console.log(counts, 'max ms', maxMs);
