/**
 * Autosave of a draft: every local Yjs update is queued and sent to the core at most
 * AUTOSAVE_EVERY_MS after it was made (merged into one update), with the id of the article the
 * cursor is in, so a crash of the core or the app loses at most that much typing. One save is in
 * flight at a time; a failed save keeps its updates and tries again with the next ones.
 */
import * as Y from 'yjs';

export const AUTOSAVE_EVERY_MS = 250;

export type AutosaveStatus = 'saved' | 'saving' | 'failed';

export interface AutosaveOptions {
  send: (update: Uint8Array, cursorUnitId: string) => Promise<void>;
  onStatus?: (status: AutosaveStatus, error?: unknown) => void;
  /** Updates with this origin came from elsewhere (a merge) and are saved by whoever made them. */
  remoteOrigin?: unknown;
}

export class DraftAutosave {
  private pending: Uint8Array[] = [];
  private cursor = '';
  private cursorSaved = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== undefined && origin === this.options.remoteOrigin) return;
    this.pending.push(update);
    this.schedule();
  };

  constructor(
    private readonly ydoc: Y.Doc,
    private readonly options: AutosaveOptions,
  ) {
    ydoc.on('update', this.onUpdate);
  }

  /** Where the cursor is now (an article's, sub-clause's or item's id); saved with the next update. */
  noteCursor(unitId: string): void {
    if (unitId === this.cursor) return;
    this.cursor = unitId;
    if (unitId !== this.cursorSaved) this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, AUTOSAVE_EVERY_MS);
  }

  /** Sends whatever is waiting now; resolves when it is stored (or has failed and stays queued). */
  async flush(): Promise<void> {
    if (this.inFlight) await this.inFlight;
    if (!this.pending.length && this.cursor === this.cursorSaved) return;
    const batch = this.pending;
    this.pending = [];
    const cursor = this.cursor;
    const update = batch.length ? Y.mergeUpdates(batch) : Y.encodeStateAsUpdate(this.ydoc, Y.encodeStateVector(this.ydoc));
    this.options.onStatus?.('saving');
    this.inFlight = this.options.send(update, cursor).then(
      () => {
        this.cursorSaved = cursor;
        this.options.onStatus?.(this.pending.length ? 'saving' : 'saved');
      },
      (error: unknown) => {
        this.pending = [...batch, ...this.pending];
        this.options.onStatus?.('failed', error);
        this.schedule();
      },
    );
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  get hasUnsaved(): boolean {
    return this.pending.length > 0 || this.inFlight !== null;
  }

  destroy(): void {
    this.ydoc.off('update', this.onUpdate);
    clearTimeout(this.timer);
  }
}
