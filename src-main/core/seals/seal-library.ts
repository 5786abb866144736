import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { DrawnSignature, Seal, SealType } from '../../../src-shared/api/index.js';
import { appendAudit } from '../audit/index.js';
import { statement, type Db } from '../db/index.js';
import { writeFileAtomic } from '../files/index.js';
import { cjkFontFor } from '../fonts/index.js';
import { organisationProfile } from './organisation.js';
import { roundSealLayout, roundSealSvg, sealText, type SealLayout } from './round-seal.js';
import { drawnSignatureArt } from './signature-ink.js';
import { readSvgSeal } from './svg-import.js';
import { vectorArtSvg, type VectorArt } from './vector-art.js';

/**
 * The seal library: company seals and personal signatures, each a file in the data folder's
 * seals/ (named by its SHA-256) and a row in the library database, created and disabled with an
 * audit entry in the same transaction. A seal is never deleted: disabling it stops it being
 * stamped and keeps what it was, so a signature made with it can still be traced to it.
 */

/** What the signing engine draws for a seal: the round seal from its layout, vector paths, or a PNG. */
export type SealDrawing =
  | { readonly format: 'round'; readonly layout: SealLayout }
  | { readonly format: 'svg'; readonly art: VectorArt }
  | { readonly format: 'png'; readonly png: Uint8Array; readonly width: number; readonly height: number };

/** A seal ready to be stamped: what it is (for the audit and the consent dialog) and how to draw it. */
export interface SealStamp {
  readonly seal: Seal;
  readonly drawing: SealDrawing;
}

/** The diameter of the standard company seal. */
const ROUND_SEAL_MM = 42;
/** The PNG decoder and the handwriting faces share pdf-lib's 2.5 MB bundle chunk: loaded when first used, not at the core's start. */
const pngReader = () => import('./png-seal.js');

/** A signature is stamped about as tall as a handwritten one, and no wider than this. */
const SIGNATURE_HEIGHT_MM = 15;
const SIGNATURE_MAX_WIDTH_MM = 60;

interface SealRow {
  id: string;
  name: string;
  category: Seal['category'];
  origin: Seal['origin'];
  format: Seal['format'];
  seal_type: string | null;
  seal_text: string | null;
  width_mm: number;
  height_mm: number;
  sha256: string;
  created_at: string;
  disabled_at: string | null;
}

interface NewSeal {
  name: string;
  category: Seal['category'];
  origin: Seal['origin'];
  format: Seal['format'];
  sealType?: string;
  sealText?: string;
  /** The stored file (SVG or PNG). */
  file: Uint8Array;
  aspect: number;
  details?: Record<string, unknown>;
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const extensionOf = (format: Seal['format']) => (format === 'png' ? 'png' : 'svg');

export class SealLibrary {
  readonly folder: string;

  constructor(
    readonly db: Db,
    dataDir: string,
    readonly actor = 'local-user',
  ) {
    this.folder = path.join(dataDir, 'seals');
  }

  /** Seals newest first; disabled ones only when asked. Each carries its preview. */
  async list(options: { includeDisabled?: boolean } = {}): Promise<Seal[]> {
    const rows = statement(
      this.db,
      `SELECT * FROM seals ${options.includeDisabled ? '' : 'WHERE disabled_at IS NULL'} ORDER BY created_at DESC, rowid DESC`,
    ).all() as SealRow[];
    return Promise.all(rows.map(async (row) => this.toSeal(row, await this.readFile(row))));
  }

  async get(id: string): Promise<Seal> {
    const row = this.row(id);
    return this.toSeal(row, await this.readFile(row));
  }

  /**
   * The seal `id` as the signing engine stamps it. A disabled seal, or one whose file no longer has
   * the bytes it was stored with, is refused with a typed error.
   */
  async stamp(id: string): Promise<SealStamp> {
    const row = this.row(id);
    if (row.disabled_at) throw new InkstoneError('SEAL_DISABLED', { name: row.name, disabledAt: row.disabled_at });
    const bytes = await this.readFile(row);
    const seal = this.toSeal(row, bytes);
    switch (row.format) {
      case 'round':
        return { seal, drawing: { format: 'round', layout: roundSealLayout({ name: row.seal_text ?? '', kind: row.seal_type ?? undefined }) } };
      case 'svg':
        return { seal, drawing: { format: 'svg', art: readSvgSeal(bytes) } };
      default: {
        const png = (await pngReader()).readPngSeal(bytes);
        return { seal, drawing: { format: 'png', ...png } };
      }
    }
  }

  /** Import a PNG or SVG file (white made transparent, SVG rebuilt from its shapes). */
  async importFile(input: { name: string; fileName: string; bytes: Uint8Array; category?: Seal['category'] }): Promise<Seal> {
    const kind = fileKind(input.fileName, input.bytes);
    const category = input.category ?? 'seal';
    if (kind === 'png') {
      const png = (await pngReader()).readPngSeal(input.bytes);
      return this.add({
        name: input.name,
        category,
        origin: 'imported',
        format: 'png',
        file: png.png,
        aspect: png.width / png.height,
        details: { fileName: input.fileName },
      });
    }
    const art = readSvgSeal(input.bytes);
    return this.add({
      name: input.name,
      category,
      origin: 'imported',
      format: 'svg',
      file: Buffer.from(vectorArtSvg(art)),
      aspect: art.width / art.height,
      details: { fileName: input.fileName },
    });
  }

  /** The standard round seal of the organisation in the profile, as vector with its font embedded. */
  async generate(input: { sealType: SealType; name?: string }): Promise<Seal> {
    const svg = await this.roundSealPreview(input.sealType);
    const legalName = organisationProfile(this.db)!.legalName;
    return this.add({
      name: input.name ?? input.sealType,
      category: 'seal',
      origin: 'generated',
      format: 'round',
      sealType: input.sealType,
      sealText: legalName,
      file: Buffer.from(svg),
      aspect: 1,
    });
  }

  /** What `generate` would make, not stored (for the chooser's preview). */
  async roundSealPreview(sealType: SealType): Promise<string> {
    const profile = organisationProfile(this.db);
    if (!profile) throw new InkstoneError('ORGANISATION_PROFILE_MISSING');
    const layout = roundSealLayout({ name: profile.legalName, kind: sealType });
    return roundSealSvg(layout, undefined, await cjkFontFor(sealText(layout)));
  }

  async drawSignature(drawing: DrawnSignature): Promise<Seal> {
    const art = drawnSignatureArt(drawing);
    return this.add({
      name: drawing.name,
      category: 'signature',
      origin: 'drawn',
      format: 'svg',
      file: Buffer.from(vectorArtSvg(art)),
      aspect: art.width / art.height,
    });
  }

  /** A name written in the handwriting face, kept as outlines (the font itself is not needed to stamp it). */
  async typeSignature(input: { name: string; text: string }): Promise<Seal> {
    const art = await (await import('./typed-signature.js')).typedSignatureArt(input.text);
    return this.add({
      name: input.name,
      category: 'signature',
      origin: 'typed',
      format: 'svg',
      file: Buffer.from(vectorArtSvg(art)),
      aspect: art.width / art.height,
      details: { text: input.text },
    });
  }

  /** Stop a seal being stamped; its row, file and history stay. Disabling twice changes nothing. */
  async disable(id: string): Promise<Seal> {
    this.db.transaction(() => {
      const row = this.row(id);
      if (row.disabled_at) return;
      statement(this.db, 'UPDATE seals SET disabled_at = ? WHERE id = ?').run(new Date().toISOString(), id);
      appendAudit(this.db, { actor: this.actor, contractId: null, action: 'seal.disabled', details: { sealId: id, name: row.name, sha256: row.sha256 } });
    })();
    return this.get(id);
  }

  private row(id: string): SealRow {
    const row = statement(this.db, 'SELECT * FROM seals WHERE id = ?').get(id) as SealRow | undefined;
    if (!row) throw new InkstoneError('SEAL_NOT_FOUND', { id });
    return row;
  }

  private fileOf(sha256: string, format: Seal['format']): string {
    return path.join(this.folder, `${sha256}.${extensionOf(format)}`);
  }

  private async readFile(row: SealRow): Promise<Buffer> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.fileOf(row.sha256, row.format));
    } catch (err) {
      throw new InkstoneError('IO_ERROR', { reason: (err as Error).message }, { cause: err });
    }
    if (sha256Of(bytes) !== row.sha256) throw new InkstoneError('SEAL_FILE_ALTERED', { name: row.name });
    return bytes;
  }

  private toSeal(row: SealRow, bytes: Uint8Array): Seal {
    const mime = row.format === 'png' ? 'image/png' : 'image/svg+xml';
    return {
      id: row.id,
      name: row.name,
      category: row.category,
      origin: row.origin,
      format: row.format,
      sealType: row.seal_type,
      widthMm: row.width_mm,
      heightMm: row.height_mm,
      sha256: row.sha256,
      createdAt: row.created_at,
      disabledAt: row.disabled_at,
      preview: `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`,
    };
  }

  /** Store the file, then the row and its audit entry in one transaction; a failed transaction takes the new file away again. */
  private async add(seal: NewSeal): Promise<Seal> {
    const sha256 = sha256Of(seal.file);
    const file = this.fileOf(sha256, seal.format);
    const existed = await fs.stat(file).then(
      () => true,
      () => false,
    );
    if (!existed) await writeFileAtomic(file, seal.file, { overwrite: true });
    const [widthMm, heightMm] = physicalSize(seal.category, seal.aspect);
    const id = randomBytes(16).toString('hex');
    const createdAt = new Date().toISOString();
    try {
      this.db.transaction(() => {
        statement(
          this.db,
          `INSERT INTO seals (id, name, category, origin, format, seal_type, seal_text, width_mm, height_mm, sha256, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, seal.name, seal.category, seal.origin, seal.format, seal.sealType ?? null, seal.sealText ?? null, widthMm, heightMm, sha256, createdAt);
        appendAudit(this.db, {
          actor: this.actor,
          contractId: null,
          action: 'seal.created',
          details: {
            sealId: id,
            name: seal.name,
            category: seal.category,
            origin: seal.origin,
            format: seal.format,
            sha256,
            sealType: seal.sealType,
            sealText: seal.sealText,
            ...seal.details,
          },
        });
      })();
    } catch (err) {
      if (!existed) await fs.rm(file, { force: true });
      throw err;
    }
    return this.get(id);
  }
}

/** The default stamped size in millimetres, from the artwork's proportions. */
function physicalSize(category: Seal['category'], aspect: number): [number, number] {
  const round = (v: number) => Math.round(v * 10) / 10;
  if (category === 'seal') return [ROUND_SEAL_MM, round(ROUND_SEAL_MM / aspect)];
  const width = Math.min(SIGNATURE_MAX_WIDTH_MM, SIGNATURE_HEIGHT_MM * aspect);
  return [round(width), round(width / aspect)];
}

/** PNG by its signature, SVG by its first element; the name's extension only breaks a tie. */
function fileKind(fileName: string, bytes: Uint8Array): 'png' | 'svg' {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  if (/^\uFEFF?\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(svg|!DOCTYPE)/i.test(head) || /\.svg$/i.test(fileName)) return 'svg';
  throw new InkstoneError('SEAL_FILE_TYPE', { name: fileName });
}
