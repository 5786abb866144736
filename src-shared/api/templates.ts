import { z } from 'zod';
import { DraftTemplate } from '../drafting/template-format.js';
import { Id, Language } from './model.js';

/**
 * Templates on the wire (issue 10): the gallery and imported template files, listed; one opened
 * whole for the fill form; a new contract made from one with the person's values.
 */

/** `gallery-nda-zh-CN` for ours, a 32-hex id for an imported file. */
export const TemplateId = z
  .string()
  .min(1)
  .max(80)
  .regex(/^(?:gallery-[a-z0-9-]+-(?:zh-CN|en)|[0-9a-f]{32})$/, 'not a template id');

export const TemplateSummary = z.object({
  id: TemplateId,
  source: z.enum(['gallery', 'imported']),
  name: z.string(),
  language: Language,
  title: z.string(),
  description: z.string(),
  /** How many variables the fill form asks for. */
  variables: z.number().int().nonnegative(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

/** The values a person typed, one per variable key (checked by the core as `draft new --set` is); a list, so its length is capped before its items. */
export const TemplateValues = z.array(z.object({ key: z.string().max(40), value: z.string().max(2000) })).max(100);

export const TemplateDraftInput = z.object({ templateId: TemplateId, values: TemplateValues });
export const TemplateDraftOutput = z.object({ contractId: Id, draftId: Id });

export { DraftTemplate };
