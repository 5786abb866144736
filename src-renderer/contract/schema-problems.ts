import type { z } from 'zod';
import type { MessageRef } from '../i18n/messages.js';

/**
 * A form checks what it would send with the very schema the core checks it against
 * (src-shared/api/model.ts), so its limits cannot drift from the core's. This turns the schema's
 * issues into one message per form field: the first issue of a field wins.
 */
export function problemsByField<F extends string>(
  error: z.ZodError,
  /** The form field an issue's path belongs to (undefined: not shown on the form). */
  fieldOf: (path: readonly PropertyKey[]) => F | undefined,
  /** What to say when a field's value has the wrong shape (an amount, a date). */
  wrongShape: Partial<Record<F, MessageRef>> = {},
): Partial<Record<F, MessageRef>> {
  const problems: Partial<Record<F, MessageRef>> = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue.path);
    if (field === undefined || problems[field]) continue;
    problems[field] = problemOf(issue, wrongShape[field]);
  }
  return problems;
}

function problemOf(issue: z.core.$ZodIssue, wrongShape: MessageRef | undefined): MessageRef {
  // A field with a fixed shape (an amount, a currency code, a date) says what shape it wants, whatever
  // the schema tripped on first: "yuan" is not a currency code, not a text one letter too long.
  if (wrongShape) return wrongShape;
  switch (issue.code) {
    // The only minimum these schemas set on a text is "not empty".
    case 'too_small':
      return issue.origin === 'string' ? { key: 'validation.required' } : { key: 'validation.invalid' };
    case 'too_big':
      // The only list with a maximum is a contract's tags.
      return issue.origin === 'array'
        ? { key: 'validation.tooManyTags', params: { max: Number(issue.maximum) } }
        : { key: 'validation.tooLong', params: { max: Number(issue.maximum) } };
    default:
      return { key: 'validation.invalid' };
  }
}
