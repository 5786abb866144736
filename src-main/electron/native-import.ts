import { dialog, type BrowserWindow } from 'electron';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { API_DOCUMENT_MAX_BYTES, importRefusal, type ImportOutcome, type Language } from '../../src-shared/api/index.js';
import { formatErrorMessage, isErrorCode } from '../../src-shared/errors/index.js';
import type { CoreClient } from '../core/service/index.js';
import { fill, shellStrings } from './strings.js';
import { uploadPath } from './uploads.js';

const FILES_PER_CALL = 25;

/**
 * File ▸ Import PDFs…: the native open dialog, then the same `library.import` the page uses. The
 * window's list follows through the core's library.changed event; a native message box sums up.
 */
export async function importWithDialog(window: BrowserWindow, core: CoreClient, lang: Language): Promise<void> {
  const s = shellStrings(lang);
  const picked = await dialog.showOpenDialog(window, {
    title: s.importTitle,
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: s.pdfFilter, extensions: ['pdf'] }],
  });
  if (picked.canceled || picked.filePaths.length === 0) return;

  const outcomes: ImportOutcome[] = [];
  for (let i = 0; i < picked.filePaths.length; i += FILES_PER_CALL) {
    const files: Array<{ uploadId: string }> = [];
    for (const file of picked.filePaths.slice(i, i + FILES_PER_CALL)) {
      const name = path.basename(file);
      const size = (await stat(file)).size;
      const code = importRefusal(size);
      if (code) {
        const details = { name, limitMb: API_DOCUMENT_MAX_BYTES / 1048576 };
        outcomes.push({ ok: false, name, error: { code, details, message: formatErrorMessage(code, details, 'en') } });
        continue;
      }
      const upload = await uploadPath(core, file, name, size);
      if (!upload.ok) {
        const { code: failed, details } = upload.error;
        outcomes.push({ ok: false, name, error: { code: failed, details, message: upload.error.message } });
        continue;
      }
      files.push({ uploadId: upload.value });
    }
    if (!files.length) continue;
    const result = await core.invoke('library.import', { files }, { jobId: randomUUID() });
    if (!result.ok) {
      dialog.showErrorBox(
        s.importTitle,
        isErrorCode(result.error.code) ? formatErrorMessage(result.error.code, result.error.details, lang) : result.error.message,
      );
      return;
    }
    outcomes.push(...(result.value as { outcomes: ImportOutcome[] }).outcomes);
  }

  const imported = outcomes.filter((o) => o.ok && !o.duplicateOf).length;
  const duplicates = outcomes.filter((o) => o.ok && o.duplicateOf).length;
  const failures = outcomes.flatMap((o) =>
    o.ok ? [] : [isErrorCode(o.error.code) ? formatErrorMessage(o.error.code, o.error.details, lang) : o.error.message],
  );
  await dialog.showMessageBox(window, {
    type: failures.length ? 'warning' : 'info',
    title: s.importDone,
    message: fill(s.importSummary, { imported, duplicates, failed: failures.length }),
    detail: failures.slice(0, 20).join('\n'),
  });
}
