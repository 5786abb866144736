/** Our template gallery, in both languages; `findTemplate('nda', 'zh-CN')`. */
import { InkstoneError } from '../../errors/index.js';
import type { Language } from '../../i18n/index.js';
import type { DraftTemplate } from '../template-file.js';
import { GALLERY_EN } from './en.js';
import { GALLERY_ZH } from './zh-CN.js';

export const TEMPLATE_GALLERY: readonly DraftTemplate[] = [...GALLERY_ZH, ...GALLERY_EN];

/** A gallery template by name in a language (DRAFT_TEMPLATE_NOT_FOUND if there is none). */
export function findTemplate(name: string, language: Language): DraftTemplate {
  const found = TEMPLATE_GALLERY.find((t) => t.name === name && t.language === language);
  if (!found) throw new InkstoneError('DRAFT_TEMPLATE_NOT_FOUND', { name: name.slice(0, 100) });
  return found;
}
