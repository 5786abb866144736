import { serializeError, type SerializedError } from '../../../src-shared/errors/index.js';
import {
  CK,
  ckrOf,
  loadNativeCryptoki,
  Pkcs11Module,
  readSlots,
  readTokenObjects,
  type CryptokiLoader,
  type SlotSummary,
  type TokenFlags,
  type TokenKeyEntry,
} from '../tokens/index.js';

/** What a token shows without a PIN: its key pairs (with certificates) and every certificate on it. */
export interface TokenObjectsScan {
  readonly keys: TokenKeyEntry[];
  readonly certificates: Uint8Array[];
}

export interface SlotScan extends SlotSummary {
  /** Present for an initialised token that could be read. */
  readonly objects?: TokenObjectsScan;
}

export type ModuleScan = { readonly ok: true; readonly slots: SlotScan[] } | { readonly ok: false; readonly error: SerializedError };

/**
 * Reads PKCS#11 modules for the signing devices screen. It keeps each module loaded between calls
 * (a USB key's middleware takes long to initialise), so it lives in one thread for its lifetime:
 * the device thread in the app, the calling thread in the CLI and in tests.
 */
export class ModuleScanner {
  private readonly loaded = new Map<string, Pkcs11Module>();
  /** Slot events seen per module: part of the fingerprint, so an event always counts as a change. */
  private readonly events = new Map<string, number>();
  /** Modules whose C_WaitForSlotEvent answered CKR_FUNCTION_NOT_SUPPORTED (or failed otherwise). */
  private readonly noSlotEvents = new Set<string>();

  constructor(private readonly loader: CryptokiLoader = loadNativeCryptoki) {}

  /** Slots, tokens and the objects on each initialised token. Never throws: a failure is the result. */
  scan(path: string): ModuleScan {
    try {
      const { api } = this.module(path);
      const slots = readSlots(api).map(({ handle, summary }): SlotScan => {
        if (!summary.token?.flags.initialized) return summary;
        try {
          const session = api.C_OpenSession(handle, CK.CKF_SERIAL_SESSION);
          try {
            const { records, certificates } = readTokenObjects(api, session);
            return { ...summary, objects: { keys: records.map((r) => r.entry), certificates } };
          } finally {
            api.C_CloseSession(session);
          }
        } catch (err) {
          return { ...summary, problem: ckrOf(err)?.name ?? (err instanceof Error ? err.message : String(err)) };
        }
      });
      return { ok: true, slots };
    } catch (err) {
      this.unload(path);
      return { ok: false, error: serializeError(err) };
    }
  }

  /**
   * A short text that changes when a token is inserted, removed or changes state. Where the module
   * reports slot events (C_WaitForSlotEvent without blocking) an event always changes it; the slot
   * list is compared too, for modules without events. A module whose slots are all fixed (no
   * removable slot: SoftHSM) reads its token store only in C_Initialize, so with `reinitialize` it is
   * loaded afresh first — which would end other sessions on it, hence the caller's say.
   */
  fingerprint(path: string, options: { reinitialize: boolean }): string {
    try {
      let module = this.module(path);
      if (options.reinitialize && !this.hasRemovableSlot(module)) {
        this.unload(path);
        module = this.module(path);
      }
      const { api } = module;
      this.pollSlotEvent(path, module);
      const slots = readSlots(api).map(({ summary: s }) => [
        s.slotId,
        s.tokenPresent,
        s.token?.serial,
        s.token?.label,
        s.token && flagBits(s.token.flags),
        s.problem,
      ]);
      return JSON.stringify([this.events.get(path) ?? 0, slots]);
    } catch (err) {
      this.unload(path);
      return JSON.stringify(['error', serializeError(err).code]);
    }
  }

  /** Give back every module (the last holder in the process finalises it). */
  close(): void {
    for (const path of [...this.loaded.keys()]) this.unload(path);
  }

  private module(path: string): Pkcs11Module {
    let module = this.loaded.get(path);
    if (!module) this.loaded.set(path, (module = Pkcs11Module.acquire(path, this.loader)));
    return module;
  }

  private unload(path: string): void {
    this.loaded.get(path)?.release();
    this.loaded.delete(path);
  }

  private hasRemovableSlot(module: Pkcs11Module): boolean {
    return module.api.C_GetSlotList(false).some((slot) => (module.api.C_GetSlotInfo(slot).flags & CK.CKF_REMOVABLE_DEVICE) !== 0);
  }

  private pollSlotEvent(path: string, module: Pkcs11Module): void {
    if (this.noSlotEvents.has(path) || !module.api.C_WaitForSlotEvent) return;
    try {
      // Drain what happened since the last tick; each call returns one slot's event.
      for (let i = 0; i < 64 && module.api.C_WaitForSlotEvent(CK.CKF_DONT_BLOCK) !== null; i += 1) this.events.set(path, (this.events.get(path) ?? 0) + 1);
    } catch {
      this.noSlotEvents.add(path);
    }
  }
}

function flagBits(flags: TokenFlags): string {
  return Object.values(flags)
    .map((f) => (f ? '1' : '0'))
    .join('');
}
