import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { ByteSink, PdfDict, PdfRef, PdfStream, PdfString, formatNumber, formatPdfDate, name, writeIndirectObject } from '../pdf/index.js';
import type { PdfObject } from '../pdf/index.js';
import type { FontMetrics } from './font-metrics.js';
import type { RunStyle } from './layout-input.js';
import { srgbIccProfile } from './srgb-icc.js';
import type { PlacedRule, PlacedText, TypesetPage } from './typeset.js';
import { PAGE } from './typeset.js';

/**
 * Writes a typeset document as a new PDF aimed at PDF/A-2b: one embedded TrueType subset as a
 * CID font (Identity-H, with a ToUnicode map so text extracts exactly), XMP metadata matching the
 * document information, an sRGB output intent, a file identifier, and every signature field as an
 * empty /Sig field with a printable widget and its own (empty) appearance.
 */
export interface PdfFileInput {
  title: string;
  language: string;
  pages: TypesetPage[];
  /** Subset of the face holding every character drawn, and its metrics. */
  font: { bytes: Uint8Array; metrics: FontMetrics };
  createdAt: Date;
}

const MARK_COLOURS: Record<NonNullable<RunStyle['mark']>, string> = {
  inserted: '0 0.45 0.2',
  deleted: '0.75 0.1 0.1',
  moved: '0.1 0.3 0.8',
};
/** Skew of the slanted face used for italics (no italic face is shipped). */
const ITALIC_SKEW = 0.21;

class ObjectTable {
  private readonly objects: PdfObject[] = [];
  reserve(): PdfRef {
    this.objects.push(null);
    return new PdfRef(this.objects.length, 0);
  }
  add(value: PdfObject): PdfRef {
    this.objects.push(value);
    return new PdfRef(this.objects.length, 0);
  }
  set(ref: PdfRef, value: PdfObject): void {
    this.objects[ref.num - 1] = value;
  }
  entries(): Array<[PdfRef, PdfObject]> {
    return this.objects.map((value, i) => [new PdfRef(i + 1, 0), value]);
  }
}

const flate = (dict: Record<string, PdfObject>, data: Uint8Array | string): PdfStream =>
  PdfStream.fromBytes(new PdfDict({ ...dict, Filter: name('FlateDecode') }), deflateSync(typeof data === 'string' ? Buffer.from(data, 'latin1') : data));

const n = formatNumber;

export function writePdfFile(input: PdfFileInput): Uint8Array {
  const objects = new ObjectTable();
  const { metrics } = input.font;
  const font = embedFont(objects, input.font.bytes, metrics, input.pages);
  const pagesRef = objects.reserve();
  const fieldRefs: PdfRef[] = [];
  const pageRefs = input.pages.map((page) => {
    const pageRef = objects.reserve();
    const content = objects.add(flate({}, pageContent(page, metrics)));
    const annots = page.fields.map((field) => {
      const [x1, y1, x2, y2] = field.rect;
      const appearance = objects.add(
        PdfStream.fromBytes(new PdfDict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, x2 - x1, y2 - y1] }), new Uint8Array(0)),
      );
      const ref = objects.add(
        new PdfDict({
          Type: name('Annot'),
          Subtype: name('Widget'),
          FT: name('Sig'),
          T: PdfString.fromText(field.name),
          TU: PdfString.fromText(field.label),
          Rect: [x1, y1, x2, y2],
          F: 4,
          P: pageRef,
          AP: new PdfDict({ N: appearance }),
        }),
      );
      fieldRefs.push(ref);
      return ref;
    });
    objects.set(
      pageRef,
      new PdfDict({
        Type: name('Page'),
        Parent: pagesRef,
        MediaBox: [0, 0, PAGE.width, PAGE.height],
        Resources: new PdfDict({ Font: new PdfDict({ F1: font }) }),
        Contents: content,
        ...(annots.length ? { Annots: annots } : {}),
      }),
    );
    return pageRef;
  });
  objects.set(pagesRef, new PdfDict({ Type: name('Pages'), Kids: pageRefs, Count: pageRefs.length }));

  const created = formatPdfDate(input.createdAt);
  const producer = 'Inkstone';
  const metadata = objects.add(
    PdfStream.fromBytes(new PdfDict({ Type: name('Metadata'), Subtype: name('XML') }), Buffer.from(xmp(input.title, input.createdAt, producer), 'utf8')),
  );
  const icc = objects.add(flate({ N: 3 }, srgbIccProfile()));
  const outputIntent = new PdfDict({
    Type: name('OutputIntent'),
    S: name('GTS_PDFA1'),
    OutputConditionIdentifier: PdfString.fromText('sRGB IEC61966-2.1'),
    Info: PdfString.fromText('sRGB IEC61966-2.1'),
    DestOutputProfile: icc,
  });
  const catalog = objects.add(
    new PdfDict({
      Type: name('Catalog'),
      Pages: pagesRef,
      Metadata: metadata,
      OutputIntents: [outputIntent],
      Lang: PdfString.fromText(input.language),
      ViewerPreferences: new PdfDict({ DisplayDocTitle: true }),
      ...(fieldRefs.length ? { AcroForm: new PdfDict({ Fields: fieldRefs }) } : {}),
    }),
  );
  const info = objects.add(
    new PdfDict({
      Title: PdfString.fromText(input.title),
      Producer: PdfString.fromText(producer),
      CreationDate: new PdfString(Buffer.from(created)),
      ModDate: new PdfString(Buffer.from(created)),
    }),
  );

  const sink = new ByteSink(0);
  sink.write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const offsets: number[] = [];
  for (const [ref, value] of objects.entries()) {
    offsets.push(sink.offset);
    writeIndirectObject(sink, ref, value, () => new Uint8Array(0));
  }
  const body = sink.take();
  const id = createHash('sha256').update(body).digest().subarray(0, 16).toString('hex').toUpperCase();
  const xrefAt = sink.offset;
  let xref = `xref\n0 ${offsets.length + 1}\n0000000000 65535 f\r\n`;
  for (const offset of offsets) xref += `${String(offset).padStart(10, '0')} 00000 n\r\n`;
  xref += `trailer\n<< /Size ${offsets.length + 1} /Root ${catalog.num} 0 R /Info ${info.num} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  sink.write(xref);
  return Buffer.concat([body, sink.take()]);
}

/** The Type 0 font over the subset: glyph ids as CIDs, widths, and the ToUnicode map. */
function embedFont(objects: ObjectTable, bytes: Uint8Array, metrics: FontMetrics, pages: TypesetPage[]): PdfRef {
  const scale = 1000 / metrics.unitsPerEm;
  const used = new Map<number, string>();
  for (const page of pages) {
    for (const text of page.texts) for (const ch of text.text) used.set(metrics.glyphOf(ch.codePointAt(0)!), ch);
  }
  const glyphs = [...used.keys()].sort((a, b) => a - b);
  const widths: PdfObject[] = [];
  for (const g of glyphs) widths.push(g, [Math.round(metrics.advanceOf(g) * scale)]);
  const tag = createHash('sha256')
    .update(bytes)
    .digest()
    .subarray(0, 6)
    .reduce((s, b) => s + String.fromCharCode(65 + (b % 26)), '');
  const baseFont = `${tag}+InkstoneSans-SC`;
  const fontFile = objects.add(flate({ Length1: bytes.length }, bytes));
  const descriptor = objects.add(
    new PdfDict({
      Type: name('FontDescriptor'),
      FontName: name(baseFont),
      Flags: 4,
      FontBBox: metrics.bbox.map((v) => Math.round(v * scale)),
      ItalicAngle: metrics.italicAngle,
      Ascent: Math.round(metrics.ascent * scale),
      Descent: Math.round(metrics.descent * scale),
      CapHeight: Math.round(metrics.capHeight * scale),
      StemV: 80,
      FontFile2: fontFile,
    }),
  );
  const cidFont = objects.add(
    new PdfDict({
      Type: name('Font'),
      Subtype: name('CIDFontType2'),
      BaseFont: name(baseFont),
      CIDSystemInfo: new PdfDict({ Registry: new PdfString(Buffer.from('Adobe')), Ordering: new PdfString(Buffer.from('Identity')), Supplement: 0 }),
      FontDescriptor: descriptor,
      DW: 1000,
      W: widths,
      CIDToGIDMap: name('Identity'),
    }),
  );
  const toUnicode = objects.add(flate({}, toUnicodeCMap(glyphs.map((g) => [g, used.get(g)!]))));
  return objects.add(
    new PdfDict({
      Type: name('Font'),
      Subtype: name('Type0'),
      BaseFont: name(baseFont),
      Encoding: name('Identity-H'),
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
}

const hex4 = (v: number): string => v.toString(16).padStart(4, '0').toUpperCase();

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}

/** Glyph → Unicode, in chunks of at most 100 entries as the CMap syntax requires. */
function toUnicodeCMap(pairs: Array<[number, string]>): string {
  let body = '';
  for (let i = 0; i < pairs.length; i += 100) {
    const chunk = pairs.slice(i, i + 100);
    body += `${chunk.length} beginbfchar\n${chunk.map(([g, ch]) => `<${hex4(g)}> <${utf16Hex(ch)}>`).join('\n')}\nendbfchar\n`;
  }
  return (
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
    '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
    body +
    'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n'
  );
}

function pageContent(page: TypesetPage, metrics: FontMetrics): string {
  const ops: string[] = [];
  for (const text of page.texts) ops.push(textOperators(text, metrics));
  for (const rule of page.rules) ops.push(ruleOperators(rule));
  return ops.join('\n');
}

function textOperators(t: PlacedText, metrics: FontMetrics): string {
  const colour = t.style.mark ? MARK_COLOURS[t.style.mark] : '0 0 0';
  const render = t.style.bold ? `2 Tr ${n(t.size * 0.035)} w ${colour} RG` : '0 Tr';
  const skew = t.style.italic ? ITALIC_SKEW : 0;
  let tj = '[<';
  let i = 0;
  for (const ch of t.text) {
    const extra = t.extra[i++] ?? 0;
    if (extra) tj += `> ${n(-(extra / t.size) * 1000)} <`;
    tj += hex4(metrics.glyphOf(ch.codePointAt(0)!));
  }
  tj += '>] TJ';
  return `BT /F1 ${n(t.size)} Tf ${colour} rg ${render} 1 0 ${n(skew)} 1 ${n(t.x)} ${n(t.y)} Tm ${tj} ET`;
}

function ruleOperators(r: PlacedRule): string {
  const colour = r.mark ? MARK_COLOURS[r.mark] : '0 0 0';
  return `${colour} RG ${n(r.width)} w ${n(r.x1)} ${n(r.y1)} m ${n(r.x2)} ${n(r.y2)} l S`;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** XMP metadata: the PDF/A identification plus the title, dates and producer the Info dictionary also says. */
function xmp(title: string, created: Date, producer: string): string {
  const date = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(title)}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <pdf:Producer>${escapeXml(producer)}</pdf:Producer>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
