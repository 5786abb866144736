/**
 * A new contract and its draft from a template: the values are checked first, the contract gets
 * a party per party variable, and the filled document becomes the draft's first state — all in
 * one database transaction, so a refused value or document leaves no contract behind.
 */
import type { DraftSession } from '../../../src-shared/api/index.js';
import { checkValues, instantiateTemplate, templateParties, type DraftTemplate } from '../../../src-shared/drafting/index.js';
import type { Library } from '../library/index.js';
import { Drafts, draftParties } from './drafts.js';

export interface TemplateDraft {
  contractId: string;
  session: DraftSession;
  /** The checked values (dates as YYYY-MM-DD, amounts with two decimals, yes/no as yes|no). */
  values: Record<string, string>;
}

export function newDraftFromTemplate(library: Library, drafts: Drafts, template: DraftTemplate, raw: Readonly<Record<string, string>>): TemplateDraft {
  const values = checkValues(template.variables, raw, template.language);
  return library.db.transaction(() => {
    const contract = library.createContract({ title: template.title }, { parties: templateParties(template, values) });
    const document = instantiateTemplate(template, values, draftParties(contract));
    // The draft remembers its variables, so the editor's variables panel can change them later.
    const session = drafts.create(contract.id, template.language, document, { specs: template.variables, values });
    return { contractId: contract.id, session, values };
  })();
}
