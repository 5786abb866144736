import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * Files crossing between the UI and the core without ever becoming base64 JSON.
 *
 * Upload: the transport (browser host, Electron main) asks for a slot (`beginUpload`), streams the
 * person's file into the slot's path itself, then calls `finishUpload`; the page only ever holds the
 * upload's id and passes it to an operation. Download: an operation that produces or returns a file
 * `offer`s it and answers with an id; the transport `open`s the id and streams the file to the page.
 * Ids are 128 random bits known only to the page that asked; paths never reach the page.
 *
 * Each process keeps its slots in its own folder under `<dataDir>/transfers`, so a CLI run beside
 * the app never touches the app's files; folders a crashed process left are removed at start.
 */

/** How long an unused upload or download stays available. Each use starts the clock again. */
export const TRANSFER_IDLE_MS = 30 * 60 * 1000;
/** Folders of processes that died are removed once this old. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;
const FOLDER = 'transfers';
const ID_PATTERN = /^[0-9a-f]{32}$/;

interface Entry {
  kind: 'upload' | 'download';
  name: string;
  path: string;
  /** Declared size for an upload (checked at finish); actual size for a download. */
  size: number;
  contentType: string;
  ready: boolean;
  /** Our own temp file (removed on expiry) rather than a stored file read in place. */
  owned: boolean;
  lastUse: number;
}

export interface UploadSlot {
  id: string;
  /** Where the transport writes the bytes (created exclusively by the transport). */
  path: string;
}

export interface OpenedDownload {
  path: string;
  name: string;
  size: number;
  contentType: string;
}

export interface FileTransfersOptions {
  /** The largest upload accepted. */
  maxUploadBytes: number;
  now?: () => number;
}

export class FileTransfers {
  private readonly entries = new Map<string, Entry>();
  private readonly dir: string;
  private readonly now: () => number;

  constructor(
    dataDir: string,
    private readonly options: FileTransfersOptions,
  ) {
    this.dir = path.join(dataDir, FOLDER, `${process.pid}-${randomBytes(4).toString('hex')}`);
    this.now = options.now ?? Date.now;
  }

  /** Remove folders older processes left behind (crash, kill). Runs in the background at start. */
  async sweepAbandoned(): Promise<number> {
    const root = path.dirname(this.dir);
    const cutoff = this.now() - ABANDONED_AFTER_MS;
    let removed = 0;
    for (const entry of await fs.readdir(root, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(root, entry.name);
      if (full === this.dir || !entry.isDirectory()) continue;
      const stat = await fs.stat(full).catch(() => null);
      if (
        stat &&
        stat.mtimeMs < cutoff &&
        (await fs.rm(full, { recursive: true, force: true }).then(
          () => true,
          () => false,
        ))
      )
        removed++;
    }
    return removed;
  }

  /** A slot for a file of `size` bytes that the transport will write. */
  async beginUpload(meta: { name: string; size: number; contentType?: string }): Promise<UploadSlot> {
    const name = cleanName(meta.name);
    if (!Number.isSafeInteger(meta.size) || meta.size < 0) throw new InkstoneError('INVALID_INPUT', { issues: 'size: not a byte count' });
    if (meta.size > this.options.maxUploadBytes) throw new InkstoneError('BODY_TOO_LARGE', { limitBytes: this.options.maxUploadBytes });
    await this.expire();
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = randomBytes(16).toString('hex');
    const file = path.join(this.dir, `up-${id}`);
    this.entries.set(id, {
      kind: 'upload',
      name,
      path: file,
      size: meta.size,
      contentType: meta.contentType ?? 'application/octet-stream',
      ready: false,
      owned: true,
      lastUse: this.now(),
    });
    return { id, path: file };
  }

  /** The transport has written the slot: it becomes usable if it holds exactly the declared bytes. */
  async finishUpload(id: string): Promise<{ id: string; size: number }> {
    const entry = this.entry(id, 'upload', { ready: false });
    const stat = await fs.stat(entry.path).catch(() => null);
    if (!stat?.isFile() || stat.size !== entry.size) {
      await this.discard(id);
      throw new InkstoneError('TRANSFER_INCOMPLETE', { expected: entry.size, received: stat?.size ?? 0 });
    }
    entry.ready = true;
    entry.lastUse = this.now();
    return { id, size: entry.size };
  }

  /** An upload's bytes and name, for the operation that was given its id. */
  async read(id: string): Promise<{ name: string; bytes: Buffer }> {
    const entry = this.entry(id, 'upload', { ready: true });
    entry.lastUse = this.now();
    try {
      return { name: entry.name, bytes: await fs.readFile(entry.path) };
    } catch (err) {
      this.entries.delete(id);
      throw new InkstoneError('TRANSFER_NOT_FOUND', {}, { cause: err });
    }
  }

  /** Where an upload's bytes are, for work that reads the file itself (verification threads). */
  uploaded(id: string): { name: string; path: string; size: number } {
    const entry = this.entry(id, 'upload', { ready: true });
    entry.lastUse = this.now();
    return { name: entry.name, path: entry.path, size: entry.size };
  }

  /** Let go of an upload (the operation consumed it, or the transport failed writing it). */
  async discard(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    if (entry.owned) await fs.rm(entry.path, { force: true }).catch(() => undefined);
  }

  /** Offer bytes the core produced (a report, an extracted revision) for download. */
  async offerBytes(bytes: Uint8Array, name: string, contentType = 'application/pdf'): Promise<DownloadRef> {
    await this.expire();
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = randomBytes(16).toString('hex');
    const file = path.join(this.dir, `down-${id}`);
    await fs.writeFile(file, bytes, { flag: 'wx', mode: 0o600 });
    this.entries.set(id, {
      kind: 'download',
      name: cleanName(name),
      path: file,
      size: bytes.length,
      contentType,
      ready: true,
      owned: true,
      lastUse: this.now(),
    });
    return { fileId: id, name: cleanName(name), bytes: bytes.length };
  }

  /** Offer a file that already exists and stays put (a stored document version), read in place. */
  async offerFile(file: string, name: string, contentType = 'application/pdf'): Promise<DownloadRef> {
    await this.expire();
    const stat = await fs.stat(file);
    const id = randomBytes(16).toString('hex');
    this.entries.set(id, { kind: 'download', name: cleanName(name), path: file, size: stat.size, contentType, ready: true, owned: false, lastUse: this.now() });
    return { fileId: id, name: cleanName(name), bytes: stat.size };
  }

  /** For the transport: where a download's bytes are, to stream them to the page. */
  open(id: string): OpenedDownload {
    const entry = this.entry(id, 'download', { ready: true });
    entry.lastUse = this.now();
    return { path: entry.path, name: entry.name, size: entry.size, contentType: entry.contentType };
  }

  /** Remove everything this process holds (on close). */
  async close(): Promise<void> {
    this.entries.clear();
    await fs.rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  private entry(id: string, kind: Entry['kind'], want: { ready: boolean }): Entry {
    const entry = typeof id === 'string' && ID_PATTERN.test(id) ? this.entries.get(id) : undefined;
    if (!entry || entry.kind !== kind || entry.ready !== want.ready || this.now() - entry.lastUse > TRANSFER_IDLE_MS)
      throw new InkstoneError('TRANSFER_NOT_FOUND');
    return entry;
  }

  private async expire(): Promise<void> {
    const cutoff = this.now() - TRANSFER_IDLE_MS;
    for (const [id, entry] of this.entries) if (entry.lastUse < cutoff) await this.discard(id);
  }
}

/** What an operation answers for a file the page may download. */
export interface DownloadRef {
  fileId: string;
  name: string;
  bytes: number;
}

/** A file name as the page may show it: no folders, no control characters, bounded. */
function cleanName(name: string): string {
  const printable = [...String(name ?? '')].filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f).join('');
  return path.basename(printable.replace(/\\/g, '/')).trim().slice(0, 255) || 'file';
}
