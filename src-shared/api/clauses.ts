import { z } from 'zod';
import { VariableSpec } from '../drafting/variables.js';
import { Id, Language } from './model.js';

/**
 * The clause library on the wire (issue 10): reusable articles and passages, each edit a new
 * revision. A clause's text is a list of draft body blocks (articles, paragraphs, tables) as
 * ProseMirror JSON; the core checks it against the draft schema.
 */

export const CLAUSE_POSITIONS = ['standard', 'fallback'] as const;
/** 标准条款 / standard: the position we open with; 备选条款 / fallback: what we may concede to. */
export const ClausePosition = z.enum(CLAUSE_POSITIONS);
export type ClausePosition = z.infer<typeof ClausePosition>;

export const CLAUSE_LIMITS = { title: 200, tag: 40, tags: 20, blocks: 200, query: 200, list: 200 } as const;

/** One ProseMirror node as JSON, bounded (the schema check happens in the core). */
export interface ClauseNodeJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: ClauseNodeJSON[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}
/** The attributes draft nodes and marks have (outline ids, conditions, references, variables, table cells). */
const NodeAttrs = z
  .object({
    id: z.string().max(64),
    condition: z.string().max(40),
    target: z.string().max(64),
    key: z.string().max(40),
    filled: z.string().max(2000),
    colspan: z.number().int().min(1).max(100),
    rowspan: z.number().int().min(1).max(1000),
    colwidth: z.array(z.number()).max(100).nullable(),
  })
  .partial()
  .strict();
const ClauseNode: z.ZodType<ClauseNodeJSON> = z.lazy(() =>
  z
    .object({
      type: z.string().max(40),
      attrs: NodeAttrs.optional(),
      content: z.array(ClauseNode).max(2000).optional(),
      text: z.string().max(20000).optional(),
      marks: z
        .array(z.object({ type: z.string().max(40), attrs: NodeAttrs.optional() }))
        .max(10)
        .optional(),
    })
    .strict(),
);
export const ClauseBlocks = z.array(ClauseNode).min(1).max(CLAUSE_LIMITS.blocks);

const Tag = z.string().trim().min(1).max(CLAUSE_LIMITS.tag);

/** What a person gives when saving or editing a clause. */
export const ClauseInput = z.object({
  title: z.string().trim().min(1).max(CLAUSE_LIMITS.title),
  tags: z.array(Tag).max(CLAUSE_LIMITS.tags).default([]),
  language: Language,
  position: ClausePosition,
  blocks: ClauseBlocks,
  /** Specs of the variables its text uses; an undeclared one is taken as plain text. */
  variables: z.array(VariableSpec).max(50).default([]),
});
export type ClauseInput = z.infer<typeof ClauseInput>;

export const ClauseSummary = z.object({
  id: Id,
  revision: z.number().int().positive(),
  title: z.string(),
  tags: z.array(z.string()),
  language: Language,
  position: ClausePosition,
  /** The clause's plain text, for previews and search snippets. */
  text: z.string(),
  updatedAt: z.string(),
  /** How many times it has been inserted into a draft. */
  uses: z.number().int().nonnegative(),
});
export type ClauseSummary = z.infer<typeof ClauseSummary>;

export const Clause = ClauseSummary.extend({
  blocks: ClauseBlocks,
  variables: z.array(VariableSpec),
  revisions: z.array(z.object({ revision: z.number().int().positive(), title: z.string(), createdAt: z.string(), actor: z.string() })),
});
export type Clause = z.infer<typeof Clause>;

/** One insertion of a clause into a contract's draft: the copy it holds is of `revision`. */
export const ClauseUse = z.object({
  contractId: Id,
  contractTitle: z.string(),
  contractStatus: z.string(),
  revision: z.number().int().positive(),
  insertedAt: z.string(),
});
export type ClauseUse = z.infer<typeof ClauseUse>;

export const ClauseListQuery = z.object({
  query: z.string().max(CLAUSE_LIMITS.query).default(''),
  language: Language.optional(),
  position: ClausePosition.optional(),
  tag: Tag.optional(),
});
export type ClauseListQuery = z.infer<typeof ClauseListQuery>;

/** Values for the clause's variables, as typed (checked by the variables model). */
export const ClauseValues = z.array(z.object({ key: z.string().max(40), value: z.string().max(2000) })).max(50);
export type ClauseValues = z.infer<typeof ClauseValues>;
