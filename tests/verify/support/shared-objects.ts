import { writeFileSync } from 'node:fs';
import { buildPdf } from '../../pdf/build.js';

/**
 * A one-page order form built object by object, so each object's sharing is exactly what a test
 * needs (issue 12, attack classes 2 and 3). Fields and what they share:
 * - Amount and Total: both widgets' /AP /N are the same stream (`shared.widgets`).
 * - Price and Tax: both widgets' /AP is the same dictionary (`shared.apDict`).
 * - Qty: its appearance stream is also drawn by the page as /Stamp (`shared.pageDrawn`).
 * - Ref: its appearance stream is also referenced from /Info (`shared.info`).
 * - Memo's appearance draws Note's appearance inside it, form-in-form (`nested.inner`; Note is hidden).
 * And what is hidden at signing:
 * - the page draws /Secret, hidden by an optional-content membership dictionary (`hidden.pageOcmd`);
 * - a Stamp annotation hidden by another membership dictionary (`hidden.annotOcmd`);
 * - a Square annotation whose /F is an indirect object saying "hidden" (`hidden.flags`).
 */
export const OBJ = {
  font: 4,
  content: 5,
  form: 10,
  amount: 11,
  total: 12,
  shared: { widgets: 13, apDict: 16, apDictStream: 17, pageDrawn: 19, info: 21 },
  price: 14,
  tax: 15,
  qty: 18,
  ref: 20,
  note: 22,
  memo: 24,
  nested: { inner: 23, outer: 25 },
  hidden: { secret: 26, pageOcmd: 27, ocg: 28, stamp: 29, annotOcmd: 30, stampAp: 31, square: 32, flags: 33, squareAp: 34 },
  info: 40,
} as const;

/** An appearance (form XObject) stream body drawing `text`. */
export function appearance(text: string, extraResources = ''): string {
  const ops = extraResources ? `/Inner Do BT /Helv 10 Tf 2 6 Td (${text}) Tj ET` : `BT /Helv 10 Tf 2 6 Td (${text}) Tj ET`;
  return `<< /Type /XObject /Subtype /Form /BBox [0 0 200 24] /Resources << /Font << /Helv ${OBJ.font} 0 R >> ${extraResources} >> /Length ${ops.length} >>\nstream\n${ops}\nendstream`;
}

function widget(name: string, value: string, y: number, ap: string, extra = ''): string {
  return `<< /Type /Annot /Subtype /Widget /FT /Tx /T (${name}) /V (${value}) /DA (/Helv 10 Tf 0 g) /Rect [320 ${y} 520 ${y + 24}] /F 4 /P 3 0 R /AP ${ap} ${extra}>>`;
}

export function writeSharedObjectsPdf(target: string): string {
  const o = OBJ;
  const h = o.hidden;
  const content = `BT /F1 13 Tf 56 780 Td (PURCHASE ORDER - amount payable as stated below) Tj ET q 1 0 0 1 56 500 cm /Stamp Do Q q 1 0 0 1 56 400 cm /Secret Do Q`;
  const ref = (n: number) => `${n} 0 R`;
  const pdf = buildPdf(
    {
      3: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${ref(o.content)} /Resources << /Font << /F1 ${ref(o.font)} >> /XObject << /Stamp ${ref(o.shared.pageDrawn)} /Secret ${ref(h.secret)} >> >> /Annots [${[o.amount, o.total, o.price, o.tax, o.qty, o.ref, o.note, o.memo, h.stamp, h.square].map(ref).join(' ')}] >>`,
      [o.font]: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      [o.content]: `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      [o.form]: `<< /Fields [${[o.amount, o.total, o.price, o.tax, o.qty, o.ref, o.note, o.memo].map(ref).join(' ')}] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv ${ref(o.font)} >> >> >>`,
      [o.amount]: widget('Amount', '100', 760, `<< /N ${ref(o.shared.widgets)} >>`),
      [o.total]: widget('Total', '100', 730, `<< /N ${ref(o.shared.widgets)} >>`),
      [o.shared.widgets]: appearance('100'),
      [o.price]: widget('Price', '40', 700, ref(o.shared.apDict)),
      [o.tax]: widget('Tax', '40', 670, ref(o.shared.apDict)),
      [o.shared.apDict]: `<< /N ${ref(o.shared.apDictStream)} >>`,
      [o.shared.apDictStream]: appearance('40'),
      [o.qty]: widget('Qty', '3', 640, `<< /N ${ref(o.shared.pageDrawn)} >>`),
      [o.shared.pageDrawn]: appearance('3'),
      [o.ref]: widget('Ref', 'PO-1', 610, `<< /N ${ref(o.shared.info)} >>`),
      [o.shared.info]: appearance('PO-1'),
      [o.note]: widget('Note', '', 580, `<< /N ${ref(o.nested.inner)} >>`).replace('/F 4', '/F 2'),
      [o.nested.inner]: appearance(''),
      [o.memo]: widget('Memo', 'none', 550, `<< /N ${ref(o.nested.outer)} >>`),
      [o.nested.outer]: appearance('none', `/XObject << /Inner ${ref(o.nested.inner)} >>`),
      [h.secret]: appearance('PAID IN FULL').replace('/Type /XObject', `/Type /XObject /OC ${ref(h.pageOcmd)}`),
      [h.pageOcmd]: `<< /Type /OCMD /OCGs [${ref(h.ocg)}] /P /AllOff >>`,
      [h.ocg]: '<< /Type /OCG /Name (Layer) >>',
      [h.stamp]: `<< /Type /Annot /Subtype /Stamp /Rect [56 300 256 324] /F 4 /P 3 0 R /OC ${ref(h.annotOcmd)} /AP << /N ${ref(h.stampAp)} >> >>`,
      [h.annotOcmd]: `<< /Type /OCMD /OCGs [${ref(h.ocg)}] /P /AllOff >>`,
      [h.stampAp]: appearance('PAID IN FULL'),
      [h.square]: `<< /Type /Annot /Subtype /Square /Rect [56 250 256 274] /F ${ref(h.flags)} /P 3 0 R /AP << /N ${ref(h.squareAp)} >> >>`,
      [h.flags]: '2',
      [h.squareAp]: appearance('VOID'),
      [o.info]: `<< /Title (Purchase order) /Thumbnail ${ref(o.shared.info)} >>`,
    },
    {
      catalog: `<< /Type /Catalog /Pages 2 0 R /AcroForm ${ref(o.form)} /OCProperties << /OCGs [${ref(h.ocg)}] /D << /ON [${ref(h.ocg)}] >> >> >>`,
      trailerExtra: `/Info ${ref(o.info)}`,
    },
  );
  writeFileSync(target, pdf);
  return target;
}
