import { deflateRawSync, constants } from 'node:zlib';

/**
 * A ZIP writer for hostile test files: each entry's compressed bytes and *declared* sizes are given
 * separately, so a test can lie about sizes the way a crafted file does.
 */
export interface RawEntry {
  name: string;
  /** Compressed (method 8) bytes. */
  data: Uint8Array;
  declaredSize: number;
  crc?: number;
}

export function zipOf(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(e.data));
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(e.crc ?? 0, 16);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(e.declaredSize, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}

export const deflated = (text: string | Uint8Array): Uint8Array => deflateRawSync(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);

/**
 * A deflate stream that inflates to `copies` × `chunk` bytes while being about `copies` × (compressed
 * chunk) long: the chunk is compressed once with a full flush (no references across it) and repeated,
 * then closed with an empty final block. 1 GB of text costs a few megabytes and no time to build.
 */
export function repeatedDeflate(chunk: Uint8Array, copies: number): Uint8Array {
  const one = deflateRawSync(chunk, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const out = Buffer.alloc(one.length * copies + 2);
  for (let i = 0; i < copies; i++) one.copy(out, i * one.length);
  out[out.length - 2] = 0x03; // final, fixed-Huffman block holding only end-of-block
  out[out.length - 1] = 0x00;
  return out;
}

export const BASIC_PARTS = {
  contentTypes:
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  rels: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  document: (body: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
};
