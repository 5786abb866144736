/**
 * The round company seal (公章 and its kinds: 合同专用章, 财务专用章 …) as Chinese organisations
 * have them cut, laid out once and drawn as vectors — in a PDF with the embedded CJK face, and as
 * SVG for the preview. Proportions follow the common 42 mm seal: a red ring about 1.2 mm wide, the
 * organisation's name along the upper arc, upright and facing out, a five-pointed star in the
 * centre, the seal's kind in a straight line below the star.
 */

/** One character of the name, centred at (x, y) and turned by `rotation` radians (counter-clockwise). */
export interface PlacedGlyph {
  char: string;
  x: number;
  y: number;
  rotation: number;
  size: number;
  /** Horizontal scale of the glyph (seal characters are cut narrow). */
  widthScale: number;
}

/** A seal laid out in a square of side `diameter`, origin at its centre, y up (PDF's convention). */
export interface SealLayout {
  diameter: number;
  ring: { radius: number; width: number };
  /** The star's ten corners, outer and inner alternating, starting at the top. */
  star: Array<[number, number]>;
  name: PlacedGlyph[];
  kind: { text: string; y: number; size: number } | null;
  /** 印章红. */
  color: [number, number, number];
}

const SEAL_RED: [number, number, number] = [0.85, 0.1, 0.12];
const MAX_NAME_CHARS = 40;
const GLYPH_WIDTH_SCALE = 0.78;

export function roundSealLayout(options: { name: string; kind?: string; diameter?: number }): SealLayout {
  const d = options.diameter ?? 120;
  const name = Array.from(options.name.replace(/\s+/g, '')).slice(0, MAX_NAME_CHARS);
  const ringWidth = d * 0.03;
  const ringRadius = d / 2 - ringWidth / 2;
  // The name fills an arc that grows with its length (a short name stays over the top, a long one
  // reaches 250°); characters are as large as their share of the arc allows, and, as on a cut seal,
  // narrower than they are tall.
  const n = Math.max(name.length, 1);
  const span = (Math.min(250, Math.max(110, n * 21)) * Math.PI) / 180;
  const inner = d / 2 - ringWidth - d * 0.035;
  const size = Math.min(d * 0.15, ((inner * span) / n) * 0.98);
  const textRadius = inner - size * 0.55;
  const glyphs = name.map((char, i) => {
    // Left to right over the top: from the left end of the arc, clockwise.
    const angle = Math.PI / 2 + span / 2 - ((i + 0.5) * span) / n;
    return { char, x: textRadius * Math.cos(angle), y: textRadius * Math.sin(angle), rotation: angle - Math.PI / 2, size, widthScale: GLYPH_WIDTH_SCALE };
  });
  const starOuter = d * 0.16;
  const starInner = starOuter * 0.382; // a regular five-pointed star
  const star: Array<[number, number]> = [];
  for (let k = 0; k < 10; k++) {
    const r = k % 2 === 0 ? starOuter : starInner;
    const a = Math.PI / 2 + (k * Math.PI) / 5;
    star.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  const kindText = options.kind?.trim();
  return {
    diameter: d,
    ring: { radius: ringRadius, width: ringWidth },
    star,
    name: glyphs,
    kind: kindText ? { text: kindText, y: -d * 0.25, size: Math.min(d * 0.1, (d * 0.55) / Array.from(kindText).length) } : null,
    color: SEAL_RED,
  };
}

const fmt = (v: number) => Number(v.toFixed(3)).toString();
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The seal as a standalone SVG (y flipped to SVG's downward axis), for previews. Given the face the
 * PDF embeds (`embeddedFont`, TrueType), the SVG carries it too and shows the seal as stamped.
 */
export function roundSealSvg(layout: SealLayout, fontFamily = "'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif", embeddedFont?: Uint8Array): string {
  const d = layout.diameter;
  const fontFace = embeddedFont
    ? `<style>@font-face{font-family:InkstoneSeal;src:url(data:font/ttf;base64,${Buffer.from(embeddedFont).toString('base64')})}</style>`
    : '';
  const family = embeddedFont ? 'InkstoneSeal' : fontFamily;
  const weight = embeddedFont ? '' : ' font-weight="700"';
  const color = `rgb(${layout.color.map((c) => Math.round(c * 255)).join(',')})`;
  const star = layout.star.map(([x, y]) => `${fmt(x)},${fmt(-y)}`).join(' ');
  const glyphs = layout.name
    .map(
      (g) =>
        `<text x="0" y="0" font-size="${fmt(g.size)}" text-anchor="middle" dominant-baseline="central" transform="translate(${fmt(g.x)} ${fmt(-g.y)}) rotate(${fmt((-g.rotation * 180) / Math.PI)}) scale(${fmt(g.widthScale)} 1)">${escapeXml(g.char)}</text>`,
    )
    .join('');
  const kind = layout.kind
    ? `<text x="0" y="${fmt(-layout.kind.y)}" font-size="${fmt(layout.kind.size)}" text-anchor="middle" dominant-baseline="central">${escapeXml(layout.kind.text)}</text>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${fmt(-d / 2)} ${fmt(-d / 2)} ${fmt(d)} ${fmt(d)}" width="${fmt(d)}" height="${fmt(d)}">` +
    fontFace +
    `<g fill="${color}" font-family="${escapeXml(family)}"${weight}>` +
    `<circle cx="0" cy="0" r="${fmt(layout.ring.radius)}" fill="none" stroke="${color}" stroke-width="${fmt(layout.ring.width)}"/>` +
    `<polygon points="${star}"/>${glyphs}${kind}</g></svg>`
  );
}

/** Every character the seal prints, for subsetting the font that draws it. */
export function sealText(layout: SealLayout): string {
  return layout.name.map((g) => g.char).join('') + (layout.kind?.text ?? '');
}
