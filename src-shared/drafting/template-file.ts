/**
 * A template as a file people can import and export: JSON with a format name and version,
 * validated with zod, bounded in size, its document checked against the draft schema and every
 * variable it uses declared. `instantiateTemplate` turns one plus checked values into the first
 * document of a new draft.
 */
import { Node as ProseMirrorNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { InkstoneError } from '../errors/index.js';
import type { Language } from '../i18n/index.js';
import { partyAttrs } from './blank-draft.js';
import { fillVariables, variablePassages } from './fill.js';
import type { DraftNodeJSON, PlainParty } from './plain.js';
import { NODE, draftSchema } from './schema.js';
import { DraftTemplate, MAX_TEMPLATE_BYTES } from './template-format.js';

export { TEMPLATE_FORMAT, TEMPLATE_VERSION, MAX_TEMPLATE_BYTES, DraftTemplate } from './template-format.js';

const refuse = (reason: string) => new InkstoneError('TEMPLATE_INVALID', { reason: reason.slice(0, 200) });

/** A template checked beyond its shape: the schema accepts its document, its variables are declared once. */
export function checkTemplate(value: unknown): DraftTemplate {
  const parsed = DraftTemplate.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const template = parsed.data;
  let doc: ProseMirrorNode;
  try {
    doc = ProseMirrorNode.fromJSON(draftSchema, template.document);
    doc.check();
  } catch (err) {
    throw refuse(String((err as Error)?.message ?? err));
  }
  const keys = new Map(template.variables.map((v) => [v.key, v]));
  if (keys.size !== template.variables.length) throw refuse('a variable key is declared twice');
  for (const p of variablePassages(doc)) if (!keys.has(p.key)) throw refuse(`the document uses the undeclared variable “${p.key}”`);
  doc.descendants((node) => {
    const condition = node.attrs.condition as string | undefined;
    if (condition && keys.get(condition)?.kind !== 'yesno') throw refuse(`the section condition “${condition}” is not a yes/no variable`);
    return node.isBlock;
  });
  return template;
}

/**
 * Reads a template file's text (size first, then JSON, then `checkTemplate`). Callers reading from
 * disk check the file's size against MAX_TEMPLATE_BYTES before reading it.
 */
export function readTemplateFile(text: string): DraftTemplate {
  if (text.length > MAX_TEMPLATE_BYTES) throw new InkstoneError('TEMPLATE_TOO_LARGE', { limit: MAX_TEMPLATE_BYTES });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw refuse(String((err as Error)?.message ?? err));
  }
  return checkTemplate(json);
}

export const writeTemplateFile = (template: DraftTemplate): string => `${JSON.stringify(checkTemplate(template), null, 2)}\n`;

/** The parties a filled template brings to its contract: one per party variable with a role. */
export function templateParties(template: DraftTemplate, values: Readonly<Record<string, string>>): { role: string; name: string }[] {
  return template.variables.flatMap((v) => (v.kind === 'party' && v.role && values[v.key] ? [{ role: v.role, name: values[v.key] }] : []));
}

/**
 * The first document of a draft made from `template` with checked `values`: variables filled,
 * sections left out removed, and the parties and signature blocks those of the contract.
 */
export function instantiateTemplate(
  template: DraftTemplate,
  values: Readonly<Record<string, string>>,
  parties: readonly PlainParty[],
  lang: Language = template.language,
): DraftNodeJSON {
  const tr = new Transform(ProseMirrorNode.fromJSON(draftSchema, template.document));
  fillVariables(tr, template.variables, values, lang);
  const doc = tr.doc.toJSON() as DraftNodeJSON;
  const atoms = (type: string) => parties.map((p) => ({ type, attrs: partyAttrs(p) }));
  doc.content = (doc.content ?? []).map((node) =>
    node.type === NODE.parties
      ? { ...node, content: atoms(NODE.party) }
      : node.type === NODE.signatures
        ? { ...node, content: atoms(NODE.signatureBlock) }
        : node,
  );
  return doc;
}
