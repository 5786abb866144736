import { promises as fs } from 'node:fs';
import type { TransferPort } from '../../src-main/core/service/index.js';

/** Hand bytes to the core the way a transport does (slot, write, finish): the upload id operations take. */
export async function upload(core: { transfers: TransferPort }, bytes: Uint8Array | string, name: string): Promise<string> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const slot = await core.transfers.beginUpload({ name, size: data.length });
  if (!slot.ok) throw new Error(`upload refused: ${slot.error.code}`);
  await fs.writeFile(slot.value.path, data, { flag: 'wx' });
  const done = await core.transfers.finishUpload(slot.value.id);
  if (!done.ok) throw new Error(`upload incomplete: ${done.error.code}`);
  return done.value.id;
}

/** The bytes of a file an operation offered, read the way a transport does. */
export async function download(core: { transfers: TransferPort }, file: { fileId: string }): Promise<Buffer> {
  const opened = await core.transfers.openDownload(file.fileId);
  if (!opened.ok) throw new Error(`download refused: ${opened.error.code}`);
  return fs.readFile(opened.value.path);
}
