import { useRef, type ReactNode } from 'react';

/** A button that opens the system file chooser (PDFs, several at once, unless told otherwise). */
export function FilePickerButton({
  onFiles,
  className,
  children,
  disabled,
  accept = 'application/pdf,.pdf',
  multiple = true,
}: {
  onFiles: (files: File[]) => void;
  className?: string;
  children: ReactNode;
  disabled?: boolean;
  accept?: string;
  multiple?: boolean;
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
        accept={accept}
        multiple={multiple}
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
