import { useI18n } from '../i18n/I18nProvider.js';
import { DropOverlay, useWindowFileDrop } from '../ui/FileDrop.js';

/** Files dragged anywhere onto the window are imported into the library. */
export function DropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useI18n();
  const over = useWindowFileDrop(onFiles);
  return over ? <DropOverlay icon="upload" title={t('import.dropTitle')} hint={t('import.dropHint')} /> : null;
}
