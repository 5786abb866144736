import { z } from 'zod';
import { Money } from './model.js';

/**
 * Contract facts read from a document's text on import — parties, amount, dates, type — offered as
 * suggestions the person accepts, edits or dismisses. Nothing is ever applied silently, and each
 * suggestion carries the sentence it came from so the person can judge it.
 */
const Source = z.object({
  /** The sentence (or line) the fact was read from, trimmed to a readable length. */
  sentence: z.string().max(400),
  /** Where in `sentence` the fact itself stands, to highlight it. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});

const Base = z.object({
  /** Stable per contract and fact, so a dismissal sticks: e.g. `party:甲方:北京某某科技有限公司`. */
  key: z.string().max(300),
  source: Source,
});

export const FactSuggestion = z.discriminatedUnion('kind', [
  Base.extend({
    kind: z.literal('party'),
    role: z.string().max(40),
    name: z.string().max(200),
    /** 统一社会信用代码 found beside the party (check character verified), or ''. */
    registrationNumber: z.string().max(64),
  }),
  Base.extend({
    kind: z.literal('value'),
    value: Money,
    /** The amount in Chinese capitals (大写) when the document also wrote it so, and whether it agrees with the figures. */
    capitals: z.object({ text: z.string().max(100), agrees: z.boolean() }).nullable(),
  }),
  Base.extend({ kind: z.enum(['effectiveDate', 'expiryDate']), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  Base.extend({ kind: z.literal('contractType'), contractType: z.string().max(80) }),
]);
export type FactSuggestion = z.infer<typeof FactSuggestion>;
export type FactKind = FactSuggestion['kind'];
