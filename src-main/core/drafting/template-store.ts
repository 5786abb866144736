/**
 * The templates a person can start a contract from: our gallery (built in, read-only) and the
 * template files they imported, kept as checked JSON in `<dataDir>/templates/<id>.json` (a file
 * per template, written atomically; no database table, so templates need no migration). An
 * imported file is checked completely (size, JSON, shape, document, variables) before anything
 * is written, and is stored exactly as `writeTemplateFile` writes it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TemplateSummary } from '../../../src-shared/api/index.js';
import { MAX_TEMPLATE_BYTES, TEMPLATE_GALLERY, readTemplateFile, writeTemplateFile, type DraftTemplate } from '../../../src-shared/drafting/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { writeFileAtomic } from '../files/index.js';

export const TEMPLATES_FOLDER = 'templates';

/** Gallery ids name the template (`gallery-nda-zh-CN`); imported ones are the hash of their content. */
const galleryId = (t: DraftTemplate) => `gallery-${t.name}-${t.language}`;
const IMPORTED_ID = /^[0-9a-f]{32}$/;

const summary = (id: string, t: DraftTemplate, source: TemplateSummary['source']): TemplateSummary => ({
  id,
  source,
  name: t.name,
  language: t.language,
  title: t.title,
  description: t.description,
  variables: t.variables.length,
});

export class TemplateStore {
  private readonly folder: string;

  constructor(dataDir: string) {
    this.folder = path.join(dataDir, TEMPLATES_FOLDER);
  }

  private file(id: string): string {
    return path.join(this.folder, `${id}.json`);
  }

  /** The gallery first (in its order), then imported templates by title. An unreadable file is skipped, not fatal. */
  list(): TemplateSummary[] {
    const gallery = TEMPLATE_GALLERY.map((t) => summary(galleryId(t), t, 'gallery'));
    const names = this.storedFiles();
    const imported = names.flatMap((n) => {
      const id = n.slice(0, -'.json'.length);
      try {
        return [summary(id, this.readImported(id), 'imported')];
      } catch {
        return [];
      }
    });
    return [...gallery, ...imported.sort((a, b) => a.title.localeCompare(b.title))];
  }

  /** The files imported templates are kept in (none before the first import). */
  private storedFiles(): string[] {
    try {
      return readdirSync(this.folder).filter((n) => n.endsWith('.json') && IMPORTED_ID.test(n.slice(0, -'.json'.length)));
    } catch {
      return [];
    }
  }

  private readImported(id: string): DraftTemplate {
    const file = this.file(id);
    if (statSync(file).size > MAX_TEMPLATE_BYTES) throw new InkstoneError('TEMPLATE_TOO_LARGE', { limit: MAX_TEMPLATE_BYTES });
    return readTemplateFile(readFileSync(file, 'utf8'));
  }

  get(id: string): DraftTemplate {
    const fromGallery = TEMPLATE_GALLERY.find((t) => galleryId(t) === id);
    if (fromGallery) return fromGallery;
    if (!IMPORTED_ID.test(id)) throw new InkstoneError('DRAFT_TEMPLATE_NOT_FOUND', { name: id.slice(0, 100) });
    try {
      return this.readImported(id);
    } catch (err) {
      if ((err as NodeJS.ErrnoException)?.code === 'ENOENT') throw new InkstoneError('DRAFT_TEMPLATE_NOT_FOUND', { name: id });
      throw err;
    }
  }

  /** A template whole (for the fill form) with its summary. */
  open(id: string): { summary: TemplateSummary; template: DraftTemplate } {
    const template = this.get(id);
    return { summary: summary(id, template, IMPORTED_ID.test(id) ? 'imported' : 'gallery'), template };
  }

  /** Checks a template file's bytes and keeps it; importing the same template twice keeps one copy. */
  async import(bytes: Uint8Array): Promise<TemplateSummary> {
    if (bytes.byteLength > MAX_TEMPLATE_BYTES) throw new InkstoneError('TEMPLATE_TOO_LARGE', { limit: MAX_TEMPLATE_BYTES });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new InkstoneError('TEMPLATE_INVALID', { reason: 'not UTF-8 text' });
    }
    const canonical = writeTemplateFile(readTemplateFile(text.replace(/^\uFEFF/, '')));
    const id = createHash('sha256').update(canonical).digest('hex').slice(0, 32);
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file(id), canonical, { overwrite: true });
    return summary(id, readTemplateFile(canonical), 'imported');
  }

  /** The template as a file to save or share, and the name to offer it under. */
  export(id: string): { name: string; text: string } {
    const template = this.get(id);
    return { name: `${template.name}-${template.language}.inkstone-template.json`, text: writeTemplateFile(template) };
  }

  /** Forgets an imported template (the gallery's cannot be removed). */
  remove(id: string): void {
    if (!IMPORTED_ID.test(id)) throw new InkstoneError('TEMPLATE_BUILT_IN', {});
    this.get(id);
    rmSync(this.file(id), { force: true });
  }
}
