import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from './pdfjs.js';

/**
 * One page drawn by pdf.js onto a canvas at `scale` CSS pixels per point (sharp on high-density
 * screens). Drawing starts when the component mounts and is cancelled when it unmounts or the scale
 * changes, so pages scrolled past stop costing anything. `data-drawn` says when the page is on it.
 */
export function PageCanvas({ doc, page, scale, className, label }: { doc: PDFDocumentProxy; page: number; scale: number; className: string; label?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const target = canvas.current;
    if (!target) return;
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    setDrawn(false);
    (async () => {
      const p = await doc.getPage(page);
      if (cancelled) return;
      const ratio = window.devicePixelRatio || 1;
      const vp = p.getViewport({ scale: scale * ratio });
      target.width = Math.floor(vp.width);
      target.height = Math.floor(vp.height);
      task = p.render({ canvas: target, viewport: vp });
      await task.promise;
      if (!cancelled) setDrawn(true);
    })().catch((err: unknown) => {
      // A cancelled drawing is the normal end of a page scrolled away; a real failure leaves the page blank.
      if ((err as { name?: string })?.name !== 'RenderingCancelledException' && !cancelled) console.warn('page', page, err);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page, scale]);

  // Without a label the canvas is decoration (a thumbnail inside a button that names the page).
  return label ? (
    <canvas ref={canvas} className={className} role="img" aria-label={label} data-drawn={drawn} />
  ) : (
    <canvas ref={canvas} className={className} aria-hidden="true" data-drawn={drawn} />
  );
}
