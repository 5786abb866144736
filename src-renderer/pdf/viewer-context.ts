import { createContext, useContext } from 'react';
import type { PageSize } from '../../src-shared/placement/geometry.js';
import type { PDFDocumentProxy } from './pdfjs.js';

/** What the viewer shares with the tools drawn inside it (the placement tools, a page's overlay). */
export interface ViewerState {
  readonly doc: PDFDocumentProxy;
  /** Every page's size as shown, in points, in order. */
  readonly sizes: readonly PageSize[];
  /** The 1-based page the reader is on. */
  readonly current: number;
  /** CSS pixels per point. */
  readonly scale: number;
  /** Scroll the given 1-based page into view. */
  go(page: number): void;
}

export const ViewerContext = createContext<ViewerState | null>(null);

/** The viewer around the calling component; only components drawn inside a PdfViewer may ask. */
export function useViewer(): ViewerState {
  const state = useContext(ViewerContext);
  if (!state) throw new Error('useViewer is used outside a PdfViewer');
  return state;
}

/** One page as a page overlay sees it. */
export interface PageView {
  /** 1-based. */
  readonly page: number;
  /** Its size as shown, in points. */
  readonly size: PageSize;
  /** CSS pixels per point. */
  readonly scale: number;
}
