import { appendAudit, deviceId } from '../audit/index.js';
import type { EvidenceClient, PulledChange } from '../evidence/index.js';
import { contractExists, replicateContract, replicateParty, replicateVersion, type Library, type NewVersion, type ReplicaSource } from '../library/index.js';
import { DRAFT_EDITED, Drafts, draftEditOf } from '../drafting/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { ensureDownloaded } from './document-transfer.js';
import { fieldWrites, mergeFieldWrites, advanceClock } from './merge.js';
import { pullCursor, writeState } from './sync-state.js';

/**
 * Pulling: the team's changes after this desktop's cursor, in the service's order, each applied in
 * one transaction together with the cursor's move — a crash leaves every change applied exactly
 * once. This desktop's own changes come back too and only move the cursor. Documents are fetched
 * (and checked against their hash) before their transaction; contract fields merge (merge.ts);
 * parties follow the last change; documents and versions only ever add.
 */

export interface PullProgress {
  readonly done: number;
  readonly cursor: number;
}

function apply(library: Library, change: PulledChange, src: ReplicaSource): void {
  const p = change.payload;
  switch (change.kind) {
    case 'contract.created':
      if (replicateContract(library, change.contractId, p as { fields: unknown; status: unknown; parties?: unknown }, change.at, src)) {
        for (const field of Object.keys(fieldWrites(change.kind, p))) advanceClock(library.db, change.contractId, field, src.seq);
      }
      return;
    case 'contract.updated':
    case 'contract.status_changed':
      if (contractExists(library, change.contractId)) mergeFieldWrites(library, change.contractId, fieldWrites(change.kind, p), change.at, src);
      return;
    case 'party.added':
    case 'party.updated':
    case 'party.removed':
      replicateParty(library, change.contractId, change.kind, p as { partyId: string; party?: unknown }, change.at, src);
      return;
    case 'document.added':
    case 'version.added':
      if (!p.version) return;
      replicateVersion(
        library,
        change.contractId,
        {
          documentId: String(p.documentId),
          versionId: String(p.versionId),
          name: String(p.name),
          version: p.version as NewVersion,
        },
        change.at,
        src,
      );
      return;
    case DRAFT_EDITED:
      if (contractExists(library, change.contractId)) new Drafts(library).mergeTeamEdit(change.contractId, draftEditOf(p), change.at, src.person);
      return;
    default:
    // A kind a newer Inkstone sends: skipped (the cursor still moves).
  }
}

/** Apply every change after the cursor. Returns how many changes of other desktops were applied. */
export async function pullChanges(library: Library, client: EvidenceClient, options: { onProgress?: (p: PullProgress) => void } = {}): Promise<number> {
  const own = `${deviceId(library.db)}:`;
  let applied = 0;
  for (;;) {
    const page = await client.pullChanges(pullCursor(library.db));
    for (const change of page.changes) {
      const src: ReplicaSource = { person: change.principalName, seq: change.seq, key: change.key };
      const mine = change.key.startsWith(own);
      const version = change.payload.version as { sha256?: string } | undefined;
      if (!mine && version?.sha256 && typeof change.payload.serviceDocumentId === 'string' && contractExists(library, change.contractId)) {
        await ensureDownloaded(library, client, version.sha256, change.payload.serviceDocumentId);
      }
      library.db.transaction(() => {
        if (!mine) {
          try {
            // Its own savepoint: a change that fails half-way leaves nothing behind.
            library.db.transaction(() => apply(library, change, src))();
          } catch (err) {
            // A change this desktop cannot apply (invalid content) must not stop the team's feed:
            // it is recorded, not applied, and the cursor moves on.
            if (!(err instanceof InkstoneError) && !(err instanceof Error && err.name === 'ZodError')) throw err;
            appendAudit(library.db, {
              actor: src.person,
              contractId: contractExists(library, change.contractId) ? change.contractId : null,
              action: 'sync.change_refused',
              details: { kind: change.kind, reason: err.message.slice(0, 500), replicatedFrom: { seq: src.seq, key: src.key } },
              replicated: true,
            });
          }
          applied++;
        }
        writeState(library.db, 'cursor', String(change.seq));
      })();
      options.onProgress?.({ done: applied, cursor: change.seq });
    }
    if (!page.more) return applied;
  }
}
