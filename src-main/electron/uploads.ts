import { ipcMain } from 'electron';
import { promises as fs, constants as fsc } from 'node:fs';
import { IPC_CHANNELS, type RpcResult } from '../../src-shared/api/index.js';
import { InkstoneError, type ErrorCode } from '../../src-shared/errors/index.js';
import type { CoreClient } from '../core/service/index.js';
import { isTrustedSender } from './security.js';

/**
 * Uploads from the page (core/transfers): the page sends a picked file in chunks (bytes, not
 * base64), main writes them into the slot the core gave, and the core checks the size at the end.
 * A slot belongs to the window that opened it; a window that goes away loses its slots.
 */
interface OpenSlot {
  sender: number;
  file: fs.FileHandle;
  size: number;
  written: number;
}

/** Largest chunk accepted in one message (the page sends 4 MiB). */
const MAX_CHUNK_BYTES = 16 * 1024 * 1024;

function refused(code: ErrorCode, details: Record<string, unknown> = {}): RpcResult<never> {
  return { ok: false, error: new InkstoneError(code, details).toJSON() };
}

export function registerUploads(core: () => CoreClient): void {
  const slots = new Map<string, OpenSlot>();
  const drop = async (id: string) => {
    const slot = slots.get(id);
    slots.delete(id);
    await slot?.file.close().catch(() => undefined);
    await core().transfers.discardUpload(id);
  };

  ipcMain.handle(IPC_CHANNELS.uploadBegin, async (event, name: unknown, size: unknown): Promise<RpcResult<string>> => {
    if (!isTrustedSender(event)) return refused('ORIGIN_REJECTED');
    if (typeof name !== 'string' || typeof size !== 'number') return refused('INVALID_INPUT', { issues: 'name and size expected' });
    const slot = await core().transfers.beginUpload({ name, size });
    if (!slot.ok) return slot;
    const file = await fs.open(slot.value.path, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, 0o600);
    const sender = event.sender.id;
    slots.set(slot.value.id, { sender, file, size, written: 0 });
    event.sender.once('destroyed', () => {
      for (const [id, s] of slots) if (s.sender === sender) void drop(id);
    });
    return { ok: true, value: slot.value.id };
  });

  ipcMain.handle(IPC_CHANNELS.uploadWrite, async (event, id: unknown, chunk: unknown): Promise<RpcResult<null>> => {
    if (!isTrustedSender(event)) return refused('ORIGIN_REJECTED');
    const slot = typeof id === 'string' ? slots.get(id) : undefined;
    if (!slot || slot.sender !== event.sender.id) return refused('TRANSFER_NOT_FOUND');
    if (!(chunk instanceof Uint8Array) || chunk.length > MAX_CHUNK_BYTES || slot.written + chunk.length > slot.size) {
      await drop(id as string);
      return refused('BODY_TOO_LARGE', { limitBytes: slot.size });
    }
    await slot.file.write(chunk, 0, chunk.length, slot.written);
    slot.written += chunk.length;
    return { ok: true, value: null };
  });

  ipcMain.handle(IPC_CHANNELS.uploadFinish, async (event, id: unknown): Promise<RpcResult<{ uploadId: string }>> => {
    if (!isTrustedSender(event)) return refused('ORIGIN_REJECTED');
    const slot = typeof id === 'string' ? slots.get(id) : undefined;
    if (!slot || slot.sender !== event.sender.id) return refused('TRANSFER_NOT_FOUND');
    slots.delete(id as string);
    await slot.file.close();
    const done = await core().transfers.finishUpload(id as string);
    return done.ok ? { ok: true, value: { uploadId: done.value.id } } : done;
  });
}

/** A file main itself picked (native dialog): copied into an upload slot, ready for an operation. */
export async function uploadPath(core: CoreClient, file: string, name: string, size: number): Promise<RpcResult<string>> {
  const slot = await core.transfers.beginUpload({ name, size });
  if (!slot.ok) return slot;
  try {
    await fs.copyFile(file, slot.value.path, fsc.COPYFILE_EXCL);
  } catch (err) {
    await core.transfers.discardUpload(slot.value.id);
    return refused('IO_ERROR', { reason: err instanceof Error ? err.message : String(err) });
  }
  const done = await core.transfers.finishUpload(slot.value.id);
  return done.ok ? { ok: true, value: done.value.id } : done;
}
