import { useRef, type ReactNode } from 'react';

/** A button that opens the system file chooser for PDFs (several at once). */
export function FilePickerButton({
  onFiles,
  className,
  children,
  disabled,
}: {
  onFiles: (files: File[]) => void;
  className?: string;
  children: ReactNode;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={className ?? 'btn'} onClick={() => input.current?.click()} disabled={disabled}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept="application/pdf,.pdf"
        multiple
        hidden
        tabIndex={-1}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}
