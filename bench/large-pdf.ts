import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

/** Large, incompressible test PDFs for the signing and verification benches. */

/**
 * A PDF of `pages` pages, about `bytes` long, written in 1 MiB chunks: each page draws its own
 * uncompressed image of random pixels (incompressible, so the file is as large as asked).
 */
export function writeScannedContract(file: string, bytes: number, pages: number): void {
  const fd = openSync(file, 'w');
  let size = 0;
  const offsets: number[] = [];
  const put = (data: string | Buffer) => {
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    writeSync(fd, b);
    size += b.length;
  };
  const object = (num: number, body: string) => {
    offsets[num] = size;
    put(`${num} 0 obj\n${body}\nendobj\n`);
  };
  const side = Math.floor(Math.sqrt(bytes / pages / 3));
  const length = side * side * 3;
  const content = 'q 500 0 0 700 47 71 cm /Scan Do Q BT /F1 12 Tf 56 800 Td (Scanned contract page) Tj ET';
  put('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const pageNums = Array.from({ length: pages }, (_, i) => 4 + 3 * i);
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, `<< /Type /Pages /Kids [${pageNums.map((n) => `${n} 0 R`).join(' ')}] /Count ${pages} >>`);
  object(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (const n of pageNums) {
    object(
      n,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Scan ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`,
    );
    object(n + 1, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    offsets[n + 2] = size;
    put(
      `${n + 2} 0 obj\n<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${length} >>\nstream\n`,
    );
    for (let left = length; left > 0; left -= 1 << 20) put(randomBytes(Math.min(left, 1 << 20)));
    put('\nendstream\nendobj\n');
  }
  const count = offsets.length;
  const xref = size;
  put(`xref\n0 ${count}\n0000000000 65535 f\r\n`);
  for (let n = 1; n < count; n++) put(`${String(offsets[n]).padStart(10, '0')} 00000 n\r\n`);
  put(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  closeSync(fd);
}
