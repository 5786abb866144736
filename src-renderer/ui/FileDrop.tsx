import { useEffect, useRef, useState } from 'react';
import { Icon, type IconName } from './Icon.js';

function carriesFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Files dragged anywhere onto the window: returns whether a drag is over the window (for an
 * overlay) and hands dropped files to `onFiles`. The browser's own reaction (opening the PDF in
 * place of the app) is always prevented. Used by the library's import and the Verify screen.
 */
export function useWindowFileDrop(onFiles: (files: File[]) => void): boolean {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const latest = useRef(onFiles);
  useEffect(() => {
    latest.current = onFiles;
  }, [onFiles]);

  useEffect(() => {
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setOver(true);
    };
    const overHandler = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setOver(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length) latest.current(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return over;
}

/** The full-window overlay that says what dropping will do. */
export function DropOverlay({ icon, title, hint }: { icon: IconName; title: string; hint: string }) {
  return (
    <div className="drop-overlay" aria-live="assertive">
      <div className="drop-card">
        <Icon name={icon} size={40} />
        <strong>{title}</strong>
        <span>{hint}</span>
      </div>
    </div>
  );
}
