/**
 * Hand-built PDFs for parser and error tests: a catalog (1), page tree (2) and page (3) plus the
 * objects a test supplies, with a correct classic cross-reference table. Tests then break the bytes
 * on purpose.
 */
export type ObjectBody = string | ReadonlyArray<string | Uint8Array>;

export interface BuildOptions {
  /** Extra trailer entries, e.g. `/Encrypt 9 0 R`. */
  readonly trailerExtra?: string;
  /** Replace the catalog body. */
  readonly catalog?: string;
}

export function buildPdf(objects: Readonly<Record<number, ObjectBody>>, options: BuildOptions = {}): Buffer {
  const all: Record<number, ObjectBody> = {
    1: options.catalog ?? '<< /Type /Catalog /Pages 2 0 R >>',
    2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    ...objects,
  };
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let size = parts[0].length;
  const offsets = new Map<number, number>();
  const nums = Object.keys(all)
    .map(Number)
    .sort((a, b) => a - b);
  for (const num of nums) {
    offsets.set(num, size);
    const body = all[num];
    const chunks = [`${num} 0 obj\n`, ...(typeof body === 'string' ? [body] : body), '\nendobj\n'].map((c) =>
      typeof c === 'string' ? Buffer.from(c, 'latin1') : Buffer.from(c),
    );
    for (const c of chunks) {
      parts.push(c);
      size += c.length;
    }
  }
  const max = nums[nums.length - 1];
  let xref = `xref\n0 ${max + 1}\n0000000000 65535 f\r\n`;
  for (let n = 1; n <= max; n++) xref += offsets.has(n) ? `${String(offsets.get(n)).padStart(10, '0')} 00000 n\r\n` : '0000000000 00000 f\r\n';
  xref += `trailer\n<< /Size ${max + 1} /Root 1 0 R ${options.trailerExtra ?? ''}>>\nstartxref\n${size}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
