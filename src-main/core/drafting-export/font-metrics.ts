/**
 * What the typesetter needs to know about a TrueType face: which glyph draws each character, how wide
 * it is, and the numbers a PDF font descriptor asks for. Read straight from the font's tables (cmap,
 * hmtx, head, hhea, OS/2, post) — fontkit would decompress and parse far more than this at load.
 */
export interface FontMetrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  bbox: [number, number, number, number];
  /** Glyph id for a code point; 0 (.notdef) when the face has no glyph for it. */
  glyphOf(codePoint: number): number;
  /** Advance width of a glyph, in font units. */
  advanceOf(glyph: number): number;
  /** Every code point the cmap maps, with its glyph. */
  mappings(): Map<number, number>;
}

export function readFontMetrics(bytes: Uint8Array): FontMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(bytes[rec]!, bytes[rec + 1]!, bytes[rec + 2]!, bytes[rec + 3]!);
    tables.set(tag, view.getUint32(rec + 8));
  }
  const table = (tag: string): number => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`font has no ${tag} table`);
    return at;
  };
  const head = table('head');
  const hhea = table('hhea');
  const hmtx = table('hmtx');
  const unitsPerEm = view.getUint16(head + 18);
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const os2 = tables.get('OS/2');
  const post = tables.get('post');
  const ascent = view.getInt16(hhea + 4);
  const cmap = readCmap(view, table('cmap'));
  return {
    unitsPerEm,
    ascent,
    descent: view.getInt16(hhea + 6),
    capHeight: os2 !== undefined && view.getUint16(os2) >= 2 ? view.getInt16(os2 + 88) : Math.round(ascent * 0.7),
    italicAngle: post !== undefined ? view.getInt32(post + 4) / 65536 : 0,
    bbox: [view.getInt16(head + 36), view.getInt16(head + 38), view.getInt16(head + 40), view.getInt16(head + 42)],
    glyphOf: (cp) => cmap.get(cp) ?? 0,
    advanceOf: (glyph) => view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1)),
    mappings: () => cmap,
  };
}

/** The best Unicode subtable: format 12 (full range) if present, else format 4 (BMP). */
function readCmap(view: DataView, cmap: number): Map<number, number> {
  const count = view.getUint16(cmap + 2);
  let best: { format: number; offset: number } | null = null;
  for (let i = 0; i < count; i++) {
    const platform = view.getUint16(cmap + 4 + i * 8);
    const encoding = view.getUint16(cmap + 6 + i * 8);
    const offset = cmap + view.getUint32(cmap + 8 + i * 8);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    const format = view.getUint16(offset);
    if (unicode && (format === 12 || (format === 4 && best?.format !== 12))) best = { format, offset };
  }
  const map = new Map<number, number>();
  if (!best) return map;
  const at = best.offset;
  if (best.format === 12) {
    const groups = view.getUint32(at + 12);
    for (let g = 0; g < groups; g++) {
      const start = view.getUint32(at + 16 + g * 12);
      const end = view.getUint32(at + 20 + g * 12);
      const glyph = view.getUint32(at + 24 + g * 12);
      for (let cp = start; cp <= end; cp++) map.set(cp, glyph + cp - start);
    }
    return map;
  }
  const segX2 = view.getUint16(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  for (let s = 0; s < segX2 / 2; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeOffset = view.getUint16(rangeOffsets + s * 2);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        const raw = view.getUint16(rangeOffsets + s * 2 + rangeOffset + (cp - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(cp, glyph);
    }
  }
  return map;
}
