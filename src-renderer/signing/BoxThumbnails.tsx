import { useEffect, useState } from 'react';
import type { StampedBox } from '../../src-shared/api/index.js';
import { useApi, useFiles } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PageCanvas } from '../pdf/PageCanvas.js';
import { openPdf, type PDFDocumentProxy } from '../pdf/pdfjs.js';
import { onScreen } from '../placement/box-edit.js';

/** Width of a thumbnail's page, in CSS pixels. */
const THUMB_WIDTH = 112;

/**
 * The consent step's picture of what will be stamped: for every box, a small image of its page
 * with the box outlined where it will be drawn, captioned with what it shows and the page.
 */
export function BoxThumbnails({ versionId, boxes }: { versionId: string; boxes: readonly StampedBox[] }) {
  const api = useApi();
  const files = useFiles();
  const { t } = useI18n();
  const [doc, setDoc] = useState<{ pdf: PDFDocumentProxy; sizes: Map<number, { width: number; height: number }> } | null>(null);

  useEffect(() => {
    if (!boxes.length) return;
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    (async () => {
      const file = await api.documents.read({ versionId });
      opened = await openPdf(await files.download(file));
      const sizes = new Map<number, { width: number; height: number }>();
      for (const page of new Set(boxes.map((b) => b.page))) {
        const vp = (await opened.getPage(page)).getViewport({ scale: 1 });
        sizes.set(page, { width: vp.width, height: vp.height });
      }
      if (live) setDoc({ pdf: opened, sizes });
      else void opened.destroy();
    })().catch(() => {
      // Without the pages the captions still say what is stamped where.
    });
    return () => {
      live = false;
      if (opened) void opened.destroy();
    };
  }, [api, files, versionId, boxes]);

  return (
    <ul className="signing-thumbnails">
      {boxes.map((b, i) => {
        const what = b.sealName ? `${t(`placement.kind.${b.kind}`)} · ${b.sealName}` : t(`placement.kind.${b.kind}`);
        const caption = t('signing.boxAt', { name: what, page: b.page });
        const size = doc?.sizes.get(b.page);
        const scale = size ? THUMB_WIDTH / size.width : 0;
        return (
          <li key={i} className="signing-thumbnail" data-page={b.page} data-kind={b.kind}>
            <span
              className="signing-thumbnail-sheet"
              role="img"
              aria-label={caption}
              style={size ? { width: THUMB_WIDTH, height: size.height * scale } : undefined}
            >
              {doc && size && (
                <>
                  <PageCanvas doc={doc.pdf} page={b.page} scale={scale} className="signing-thumbnail-canvas" />
                  <span className={`signing-thumbnail-box placement-${b.kind}`} style={onScreen(b, size, scale)} />
                </>
              )}
            </span>
            <span className="signing-thumbnail-caption" aria-hidden="true">
              {caption}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
