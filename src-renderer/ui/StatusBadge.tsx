import type { ContractStatus } from '../../src-shared/api/index.js';
import { useI18n } from '../i18n/I18nProvider.js';

export function StatusBadge({ status }: { status: ContractStatus }) {
  const { status: label } = useI18n();
  return <span className={`status-badge status-${status}`}>{label(status)}</span>;
}
