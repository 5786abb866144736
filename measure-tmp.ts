import { randomBytes } from 'node:crypto';
import { statSync, rmSync } from 'node:fs';
import { openAtomicWriter } from './src-main/core/files/index.js';
import { PdfDocument, IncrementalUpdate, addSignaturePlaceholder, writeSignaturePlaceholder, writeIncrementalUpdate, name, PdfDict } from './src-main/core/pdf/index.js';
const simplePdf = async () => (await import('./tests/fixtures/pdfs.js')).simplePdf();
const mode = process.argv[2];
const big = '/tmp/inkstone-100mb.pdf';
if (mode === 'make') {
  const doc = PdfDocument.openFile(await simplePdf());
  const u = new IncrementalUpdate(doc);
  const side = 5900; // ~100 MB RGB
  u.addStream({ Type: name('XObject'), Subtype: name('Image'), Width: side, Height: side, ColorSpace: name('DeviceRGB'), BitsPerComponent: 8 }, randomBytes(side * side * 3), { compress: false });
  const w = await openAtomicWriter(big, { overwrite: true });
  await writeIncrementalUpdate(u, w); await w.commit();
  console.log('size', statSync(big).size);
} else {
  const t0 = performance.now();
  const doc = PdfDocument.openFile(big);
  const t1 = performance.now();
  const u = new IncrementalUpdate(doc);
  const ph = addSignaturePlaceholder(u, { fieldName: 'Sig1' }, { kind: 'signature', signingTime: new Date(), contentsSize: 16384 });
  const out = '/tmp/inkstone-100mb-signed.pdf';
  const w = await openAtomicWriter(out, { overwrite: true });
  const p = await writeSignaturePlaceholder(u, ph, w);
  const t2 = performance.now();
  await p.digest();
  const t3 = performance.now();
  await p.embed(Buffer.from('300302010a', 'hex')); await w.commit(); doc.close();
  const t4 = performance.now();
  console.log(JSON.stringify({ openMs: +(t1 - t0).toFixed(1), writeMs: +(t2 - t1).toFixed(0), digestMs: +(t3 - t2).toFixed(0), totalMs: +(t4 - t0).toFixed(0), maxRssMB: +(process.resourceUsage().maxRSS / 1024).toFixed(1) }));
  rmSync(out);
}
