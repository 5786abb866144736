import type { AuditEvent } from '../../src-shared/api/index.js';
import type { I18n } from '../i18n/I18nProvider.js';
import { isPlainKey, type PlainKey } from '../i18n/messages.js';
import { roleLabel } from './roles.js';

const FIELD_LABELS: Readonly<Record<string, PlainKey>> = {
  title: 'field.title',
  contractType: 'field.contractType',
  tags: 'field.tags',
  value: 'field.value',
  effectiveDate: 'field.effectiveDate',
  expiryDate: 'field.expiryDate',
  renewalDate: 'field.renewalDate',
  owner: 'field.owner',
  notes: 'field.notes',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueText(i18n: I18n, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return i18n.t('common.none');
  if (field === 'value' && isRecord(value) && typeof value.amount === 'string' && typeof value.currency === 'string')
    return i18n.fmt.money({ amount: value.amount, currency: value.currency });
  if (field.endsWith('Date') && typeof value === 'string') return i18n.fmt.date(value);
  if (Array.isArray(value)) return value.map(String).join(i18n.t('common.listSeparator')) || i18n.t('common.none');
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** The event's name in the reader's language; unknown actions (from newer versions) as recorded. */
export function auditActionLabel(i18n: I18n, action: string): string {
  const key = `audit.action.${action}`;
  return isPlainKey(key) ? i18n.t(key) : action;
}

/** What changed, one line per fact, in the reader's language. */
export function auditDetailLines(i18n: I18n, event: AuditEvent): string[] {
  const d = event.details;
  switch (event.action) {
    case 'contract.updated': {
      const changed = isRecord(d.changed) ? d.changed : {};
      return Object.entries(changed).map(([field, change]) => {
        const c = isRecord(change) ? change : {};
        const label = FIELD_LABELS[field] ? i18n.t(FIELD_LABELS[field]) : field;
        if (field === 'notes') return label;
        return i18n.t('audit.detail.change', { field: label, from: valueText(i18n, field, c.from), to: valueText(i18n, field, c.to) });
      });
    }
    case 'contract.status_changed':
      return typeof d.from === 'string' && typeof d.to === 'string' ? [`${statusText(i18n, d.from)} → ${statusText(i18n, d.to)}`] : [];
    case 'contract.created': {
      const fields = isRecord(d.fields) ? d.fields : {};
      return typeof fields.title === 'string' ? [fields.title] : [];
    }
    case 'party.added':
    case 'party.updated': {
      const party = isRecord(d.party) ? d.party : {};
      const role = typeof party.role === 'string' ? roleLabel(i18n, party.role) : '';
      const name = typeof party.name === 'string' ? party.name : '';
      return [[role, name].filter(Boolean).join(' · ')];
    }
    case 'document.added':
      return typeof d.name === 'string' ? [d.name] : [];
    case 'version.added':
      return typeof d.number === 'number' ? [i18n.t('audit.detail.version', { number: d.number })] : [];
    case 'sync.conflict': {
      // Concurrent edits on two desktops: the value kept and the one that lost, with whose it was.
      const field = typeof d.field === 'string' ? d.field : '';
      const label = FIELD_LABELS[field] ? i18n.t(FIELD_LABELS[field]) : field;
      return [
        i18n.t('sync.conflictDetail', {
          field: label,
          kept: valueText(i18n, field, d.kept),
          lost: valueText(i18n, field, d.lost),
          by: typeof d.lostBy === 'string' ? d.lostBy : '',
        }),
      ];
    }
    default:
      return [];
  }
}

function statusText(i18n: I18n, status: string): string {
  const key = `status.${status}`;
  return isPlainKey(key) ? i18n.t(key) : status;
}
