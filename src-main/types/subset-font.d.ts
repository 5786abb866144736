declare module 'subset-font' {
  /** harfbuzz-based font subsetter (offline, WebAssembly). */
  export default function subsetFont(
    font: Uint8Array | Buffer,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype'; preserveNameIds?: number[]; variationAxes?: Record<string, number> },
  ): Promise<Buffer>;
}
