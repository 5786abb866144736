import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import subsetFont from 'subset-font';

/**
 * PDFs for the end-to-end tests, made on the fly. Chinese text needs a real CJK font: the Noto CJK
 * collection is split into its Simplified Chinese face, subset with harfbuzz to the characters used,
 * and embedded whole (pdf-lib's own subsetting silently drops CJK glyphs).
 */
const NOTO_CJK_TTC = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const SC_FACE = 'NotoSansCJKsc-Regular';

/** Copy one face out of a TrueType/OpenType collection into a standalone font file. */
export function extractFace(ttc: Buffer, postscriptName: string): Buffer {
  const collection = fontkit.create(ttc) as unknown as { fonts: Array<{ postscriptName: string }> };
  const index = collection.fonts.findIndex((f) => f.postscriptName === postscriptName);
  if (index < 0) throw new Error(`${postscriptName} is not in the collection`);
  const offset = ttc.readUInt32BE(12 + 4 * index);
  const numTables = ttc.readUInt16BE(offset + 4);
  const header = Buffer.alloc(12 + 16 * numTables);
  ttc.copy(header, 0, offset, offset + 12);
  const bodies: Buffer[] = [];
  let position = header.length;
  for (let i = 0; i < numTables; i++) {
    const record = offset + 12 + 16 * i;
    const tableOffset = ttc.readUInt32BE(record + 8);
    const length = ttc.readUInt32BE(record + 12);
    ttc.copy(header, 12 + 16 * i, record, record + 8);
    header.writeUInt32BE(position, 12 + 16 * i + 8);
    header.writeUInt32BE(length, 12 + 16 * i + 12);
    const body = Buffer.alloc((length + 3) & ~3);
    ttc.copy(body, 0, tableOffset, tableOffset + length);
    bodies.push(body);
    position += body.length;
  }
  return Buffer.concat([header, ...bodies]);
}

let scFace: Buffer | null = null;

async function cjkFontFor(text: string): Promise<Buffer> {
  scFace ??= extractFace(readFileSync(NOTO_CJK_TTC), SC_FACE);
  return subsetFont(scFace, text, { targetFormat: 'sfnt' });
}

export const CHINESE_CONTRACT = {
  file: '技术服务合同.pdf',
  title: '技术服务合同',
  lines: [
    '技术服务合同',
    '甲方：北京云杉科技有限公司',
    '乙方：上海明德信息技术有限公司',
    '第一条 服务内容：乙方为甲方提供软件系统运维服务。',
    '第二条 服务期限：自2026年1月1日起至2026年12月31日止。',
    '第三条 保密条款：双方对在合作中知悉的商业秘密负有保密义务。',
    '第四条 争议解决：因本合同引起的争议，提交北京仲裁委员会仲裁。',
  ],
};

export const ENGLISH_CONTRACT = {
  file: 'master-services-agreement.pdf',
  title: 'Master Services Agreement',
  lines: [
    'Master Services Agreement',
    'between Northwind Trading Ltd. ("Customer") and Contoso Consulting LLC ("Supplier")',
    '1. Services. Supplier shall provide the consulting services set out in each Statement of Work.',
    '2. Fees. Customer shall pay the fees within thirty (30) days of a valid invoice.',
    '3. Indemnification. Supplier shall indemnify Customer against third-party claims.',
    '4. Governing law. This Agreement is governed by the laws of England and Wales.',
  ],
};

/** Fixed dates, so the same fixture always has the same bytes (and the library can spot a duplicate). */
const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

async function newDocument(title: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  return doc;
}

export async function chineseContractPdf(): Promise<Buffer> {
  const doc = await newDocument(CHINESE_CONTRACT.title);
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await cjkFontFor(CHINESE_CONTRACT.lines.join('')), { subset: false });
  const page = doc.addPage([595, 842]);
  page.drawText(CHINESE_CONTRACT.lines[0], { x: 72, y: 760, size: 24, font, color: rgb(0.1, 0.15, 0.25) });
  CHINESE_CONTRACT.lines.slice(1).forEach((line, i) => page.drawText(line, { x: 72, y: 710 - i * 28, size: 12.5, font }));
  const second = doc.addPage([595, 842]);
  second.drawText(CHINESE_CONTRACT.lines[5], { x: 72, y: 760, size: 12.5, font });
  return Buffer.from(await doc.save());
}

export async function englishContractPdf(): Promise<Buffer> {
  const doc = await newDocument(ENGLISH_CONTRACT.title);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595, 842]);
  page.drawText(ENGLISH_CONTRACT.lines[0], { x: 72, y: 760, size: 22, font: bold, color: rgb(0.1, 0.15, 0.25) });
  ENGLISH_CONTRACT.lines.slice(1).forEach((line, i) => page.drawText(line, { x: 72, y: 712 - i * 26, size: 10.5, font: regular, maxWidth: 460 }));
  return Buffer.from(await doc.save());
}
