import { Inflate, zipSync } from 'fflate';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * A DOCX is a ZIP archive, and ZIP is where hostile files hurt: a few kilobytes that inflate to
 * gigabytes, thousands of entries, declared sizes that lie. mammoth (through JSZip) would inflate
 * every part it touches in full, so it never sees the file we were given: we read the central
 * directory ourselves, inflate only the parts a Word reader needs, counting every byte out and
 * stopping at the limits, refuse XML with a document type declaration (entity expansion), and hand
 * mammoth a fresh archive of just those checked parts.
 */
export interface DocxLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Bytes one part may inflate to. */
  maxPartBytes: number;
  /** Bytes all read parts together may inflate to. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed for one part (real documents stay well under 30). */
  maxRatio: number;
}

export const DEFAULT_DOCX_LIMITS: DocxLimits = {
  maxEntries: 2_000,
  maxPartBytes: 16 * 1024 * 1024,
  maxTotalBytes: 40 * 1024 * 1024,
  maxRatio: 200,
};

/** The parts mammoth reads to convert text, numbering, tables, notes and comments. Images are left behind. */
const TEXT_PARTS = /^(\[Content_Types\]\.xml|_rels\/\.rels|word\/[^/]+\.xml|word\/_rels\/[^/]+\.rels)$/;
export const MAIN_PART = 'word/document.xml';

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  flags: number;
}

const limit = (name: string, which: string, max: string | number): InkstoneError => new InkstoneError('DOCX_LIMIT_EXCEEDED', { name, limit: which, max });
const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;

export interface CheckedDocx {
  /** A new archive holding only the checked parts (stored, not compressed). */
  archive: Uint8Array;
  /** Names of every part in the file, for the list of what is lost. */
  parts: string[];
}

export function checkDocx(name: string, bytes: Uint8Array, limits: DocxLimits = DEFAULT_DOCX_LIMITS): CheckedDocx {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new InkstoneError('DOCX_NOT_DOCX', { name });
  const entries = centralDirectory(name, bytes, limits);
  const seen = new Set<string>();
  const parts: Record<string, Uint8Array> = {};
  let total = 0;
  for (const entry of entries) {
    if (seen.has(entry.name)) throw new InkstoneError('DOCX_CORRUPT', { name, reason: `two parts named ${entry.name}` });
    seen.add(entry.name);
    if (entry.name.endsWith('/')) continue;
    if (!TEXT_PARTS.test(entry.name)) continue;
    const data = inflateEntry(name, bytes, entry, limits, limits.maxTotalBytes - total);
    total += data.length;
    const head = Buffer.from(data.subarray(0, Math.min(data.length, 4096))).toString('utf8');
    if (/<!(DOCTYPE|ENTITY)/i.test(head) || (data.length > 4096 && Buffer.from(data).includes('<!ENTITY'))) {
      throw new InkstoneError('DOCX_UNSAFE_XML', { name, part: entry.name });
    }
    parts[entry.name] = data;
  }
  if (!parts[MAIN_PART]) throw new InkstoneError('DOCX_MISSING_PART', { name, part: MAIN_PART });
  return { archive: zipSync(parts, { level: 0 }), parts: [...seen] };
}

function centralDirectory(name: string, bytes: Uint8Array, limits: DocxLimits): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (reason: string): InkstoneError => new InkstoneError('DOCX_CORRUPT', { name, reason });
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new InkstoneError('DOCX_NOT_DOCX', { name });
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw limit(name, 'ZIP64', '4 GB');
  if (count > limits.maxEntries) throw limit(name, 'entries', limits.maxEntries);
  if (cdOffset + cdSize > eocd) throw corrupt('the table of contents lies outside the file');
  const entries: Entry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== 0x02014b50) throw corrupt('the table of contents is cut short');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > eocd) throw corrupt('the table of contents is cut short');
    entries.push({
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8'),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflate one part in small steps, counting what comes out: a part may produce no more than it
 * declared, than the per-part and remaining total limits, and than `maxRatio` times its compressed
 * size — whichever is first stops it, long before a bomb has unpacked.
 */
function inflateEntry(name: string, bytes: Uint8Array, entry: Entry, limits: DocxLimits, remaining: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (reason: string): InkstoneError => new InkstoneError('DOCX_CORRUPT', { name, reason: `${entry.name}: ${reason}` });
  if (entry.flags & 1) throw corrupt('the part is encrypted');
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw corrupt('the part is not where the table of contents says');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corrupt('the part runs past the end of the file');
  if (entry.size > limits.maxPartBytes) throw limit(name, entry.name, mb(limits.maxPartBytes));
  if (entry.size > remaining) throw limit(name, 'all parts', mb(limits.maxTotalBytes));
  const allowed = Math.min(entry.size, limits.maxPartBytes, remaining, Math.max(64 * 1024, entry.compressedSize * limits.maxRatio));
  if (entry.size > allowed) throw limit(name, `${entry.name} ratio`, `${limits.maxRatio}:1`);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw corrupt('stored size differs');
    return bytes.slice(start, end);
  }
  if (entry.method !== 8) throw corrupt(`compression method ${entry.method}`);
  const out = new Uint8Array(entry.size);
  let written = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (overflow) return;
    if (written + chunk.length > allowed) {
      overflow = true;
      return;
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  // 4 KiB in can be at most ~4 MiB out (deflate's ceiling is about 1032:1): the count is checked often.
  const step = 4096;
  try {
    for (let p = start; p < end && !overflow; p += step) inflater.push(bytes.subarray(p, Math.min(end, p + step)), p + step >= end);
  } catch (err) {
    throw corrupt(err instanceof Error ? err.message : 'cannot be inflated');
  }
  if (overflow) throw limit(name, `${entry.name}`, `${mb(allowed)} (declared ${mb(entry.size)})`);
  if (written !== entry.size) throw corrupt('the part is shorter than declared');
  return out;
}
