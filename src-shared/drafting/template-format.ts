/**
 * The shape of a template file, apart from ProseMirror (template-file.ts checks the document
 * against the schema): the operations table describes templates with it, and it is loaded when
 * the core starts, before any drafting code.
 */
import { z } from 'zod';
import { LANGUAGES } from '../i18n/index.js';
import type { DraftNodeJSON } from './plain.js';
import { VariableSpec } from './variables.js';

export const TEMPLATE_FORMAT = 'inkstone.template';
export const TEMPLATE_VERSION = 1;
/** A template file larger than this is refused before it is parsed. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

const DocNode: z.ZodType<DraftNodeJSON> = z.lazy(() =>
  z
    .object({
      type: z.string().max(40),
      attrs: z.record(z.string(), z.unknown()).optional(),
      content: z.array(DocNode).max(5000).optional(),
      text: z.string().max(20000).optional(),
      marks: z
        .array(z.object({ type: z.string().max(40), attrs: z.record(z.string(), z.unknown()).optional() }))
        .max(10)
        .optional(),
    })
    .strict(),
);

export const DraftTemplate = z
  .object({
    format: z.literal(TEMPLATE_FORMAT),
    version: z.literal(TEMPLATE_VERSION),
    /** The name a person or `--template` picks it by: nda, purchase… (with the language: nda/zh-CN). */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
    language: z.enum(LANGUAGES),
    title: z.string().trim().min(1).max(200),
    description: z.string().max(1000).default(''),
    variables: z.array(VariableSpec).max(100),
    document: DocNode,
  })
  .strict();
export type DraftTemplate = z.infer<typeof DraftTemplate>;
