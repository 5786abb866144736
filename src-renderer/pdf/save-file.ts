/**
 * Hand bytes to the person as a file. In the browser host this is a download; in Electron the main
 * process answers the download with the native save dialog (session `will-download`), so both ask
 * where to put it the way the platform does.
 */
export function saveFile(bytes: Uint8Array<ArrayBuffer>, name: string, type = 'application/pdf'): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
