import { VersionPlacements, type SavedPlacements } from '../../../src-shared/api/placements.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { boxFitsPage, crossPageSlices, shownPageSize, type PageSize } from '../../../src-shared/placement/geometry.js';
import { appendAudit } from '../audit/index.js';
import { statement } from '../db/index.js';
import type { Library } from '../library/index.js';
import { PdfDocument, listPages } from '../pdf/index.js';

/**
 * Where a stored version will be stamped, saved before it is signed: one row per version (the
 * boxes as JSON; they are always read and written whole), replaced on every save. A version is
 * immutable, so its pages never change under saved boxes; a signed copy is a new version and starts
 * with none.
 */

/** The saved boxes of a version; none yet is an empty list. `VERSION_NOT_FOUND` for an unknown id. */
export function getPlacements(library: Library, versionId: string): SavedPlacements {
  library.version(versionId);
  const row = statement(library.db, 'SELECT placements_json AS json, saved_at AS savedAt FROM version_placements WHERE version_id = ?').get(versionId) as
    { json: string; savedAt: string } | undefined;
  if (!row) return { versionId, placements: [], crossPageSeal: null, savedAt: null };
  // Written by savePlacements after validation; parsed again so a row edited by hand cannot reach the UI malformed.
  return { versionId, ...VersionPlacements.parse(JSON.parse(row.json)), savedAt: row.savedAt };
}

/**
 * Replace the version's boxes. Each must lie on a page of this version (page in range, rectangle
 * inside the page as shown), ids must be distinct, and a cross-page seal must fit its range; nothing
 * is written when any check fails. An audit entry records the save with the version's hash.
 */
export function savePlacements(library: Library, versionId: string, input: VersionPlacements): SavedPlacements {
  const version = library.version(versionId);
  checkPlacements(input, pageSizesOf(library.store.pathFor(version.sha256)));
  const savedAt = new Date().toISOString();
  library.db.transaction(() => {
    statement(library.db, 'INSERT OR REPLACE INTO version_placements (version_id, placements_json, saved_at) VALUES (?, ?, ?)').run(
      versionId,
      JSON.stringify(input),
      savedAt,
    );
    appendAudit(library.db, {
      actor: library.actor,
      contractId: version.contractId,
      action: 'placements.saved',
      details: { versionId, sha256: version.sha256, boxes: input.placements.length, crossPageSeal: input.crossPageSeal !== null },
      at: savedAt,
    });
  })();
  return { versionId, ...input, savedAt };
}

/** The shown size of every page of the stored PDF, read with Inkstone's own bounded reader. */
function pageSizesOf(file: string): PageSize[] {
  const doc = PdfDocument.openFile(file);
  try {
    return listPages(doc).map((p) => shownPageSize(p.cropBox, p.rotate));
  } finally {
    doc.close();
  }
}

/** Throws the first problem found, as a typed error naming the page. */
export function checkPlacements(input: VersionPlacements, pages: readonly PageSize[]): void {
  const ids = new Set<string>();
  for (const box of input.placements) {
    if (ids.has(box.id)) throw new InkstoneError('PLACEMENT_DUPLICATE_ID', { id: box.id });
    ids.add(box.id);
    if (box.page > pages.length) throw new InkstoneError('PLACEMENT_PAGE_OUT_OF_RANGE', { page: box.page, count: pages.length });
    if (!boxFitsPage(box, pages[box.page - 1])) throw new InkstoneError('PLACEMENT_OUTSIDE_PAGE', { page: box.page });
  }
  const seal = input.crossPageSeal;
  if (seal) {
    // Range and vertical fit are what can be wrong; the width (the image's) only divides into slices.
    const cut = crossPageSlices({ pages, firstPage: seal.firstPage, lastPage: seal.lastPage, width: seal.size, height: seal.size, y: seal.y });
    if ('problem' in cut) {
      throw new InkstoneError('PLACEMENT_CROSS_PAGE_SEAL_INVALID', { first: seal.firstPage, last: seal.lastPage, count: pages.length });
    }
  }
}
