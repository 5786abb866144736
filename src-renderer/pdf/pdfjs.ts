import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type { PDFDocumentProxy };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loading: Promise<PdfJs> | null = null;

/** Resources the build copies next to the app (no CDN: the CSP allows only our own origin). */
const asset = (path: string) => new URL(path, document.baseURI).href;

function pdfjs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = asset('./pdf.worker.min.mjs');
    return lib;
  });
  return loading;
}

/**
 * Open a PDF for display. Scripts in the PDF never run (no eval, no scripting); CJK fonts that are
 * not embedded are drawn from the bundled CMaps and standard font data.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const lib = await pdfjs();
  return lib.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    enableXfa: false,
    cMapUrl: asset('./pdfjs/cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: asset('./pdfjs/standard_fonts/'),
    wasmUrl: asset('./pdfjs/wasm/'),
    iccUrl: asset('./pdfjs/iccs/'),
  }).promise;
}
