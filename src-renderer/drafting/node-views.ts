/**
 * How the editor draws the atoms filled from the contract, in the draft's language (not the app's):
 * a party line (甲方：北京某某科技有限公司（统一社会信用代码：…）), a signature block with its three lines
 * (甲方（盖章）, 法定代表人或授权代表（签字）, 日期), and a page break.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import type { NodeViewConstructor } from 'prosemirror-view';
import { DRAFT_TEXT, NODE, signatureLabels } from '../../src-shared/drafting/index.js';
import type { Language } from '../../src-shared/i18n/index.js';

function element(tag: string, className: string, text?: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

const attr = (node: ProseMirrorNode, name: string) => String(node.attrs[name] ?? '');

export function draftNodeViews(language: Language): Record<string, NodeViewConstructor> {
  const sep = DRAFT_TEXT.partySeparator[language];
  return {
    [NODE.party]: (node) => {
      const dom = element('p', 'draft-party');
      dom.append(element('span', 'draft-party-role', attr(node, 'role') + sep), element('span', 'draft-party-name', attr(node, 'name')));
      const reg = attr(node, 'registrationNumber');
      if (reg) dom.append(element('span', 'draft-party-registration', `${DRAFT_TEXT.registrationNumber[language]}${sep}${reg}`));
      return { dom };
    },
    [NODE.signatureBlock]: (node) => {
      const labels = signatureLabels(attr(node, 'role'), language);
      const dom = element('div', 'draft-signature');
      dom.setAttribute('data-party-id', attr(node, 'partyId'));
      const line = (label: string, value = '') => {
        const p = element('p', 'draft-signature-line');
        p.append(element('span', 'draft-signature-label', label + sep), element('span', 'draft-signature-value', value));
        return p;
      };
      dom.append(line(labels.seal, attr(node, 'name')), line(labels.signatory), line(labels.date));
      return { dom };
    },
    [NODE.pageBreak]: () => ({ dom: element('div', 'draft-page-break', DRAFT_TEXT.pageBreak[language]) }),
  };
}
