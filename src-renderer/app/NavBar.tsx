import { useI18n } from '../i18n/I18nProvider.js';
import type { PlainKey } from '../i18n/messages.js';
import { Icon, type IconName } from '../ui/Icon.js';
import { BrandMark } from './BrandMark.js';
import { SyncIndicator } from '../sync/SyncIndicator.js';
import type { NavTarget } from './route.js';

interface NavItem {
  target: NavTarget;
  icon: IconName;
  label: PlainKey;
}

/** Work areas, top to bottom; signing, verification and evidence join this list as they arrive. */
const WORK_AREAS: readonly NavItem[] = [
  { target: 'library', icon: 'library', label: 'nav.library' },
  // clause library (issue 10)
  { target: 'clauses', icon: 'pages', label: 'nav.clauses' },
  { target: 'verify', icon: 'shield', label: 'nav.verify' },
  { target: 'seals', icon: 'seal', label: 'nav.seals' },
  // Signing devices (issue 9)
  { target: 'devices', icon: 'usbKey', label: 'nav.devices' },
];
const FOOTER: readonly NavItem[] = [{ target: 'settings', icon: 'settings', label: 'nav.settings' }];

export function NavBar({ current, onNavigate }: { current: NavTarget; onNavigate: (target: NavTarget) => void }) {
  const { t } = useI18n();
  const item = (n: NavItem) => (
    <li key={n.target}>
      <button
        type="button"
        className={n.target === current ? 'nav-item nav-item-current' : 'nav-item'}
        aria-current={n.target === current ? 'page' : undefined}
        onClick={() => onNavigate(n.target)}
      >
        <Icon name={n.icon} size={19} />
        <span>{t(n.label)}</span>
      </button>
    </li>
  );
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="nav-brand">
        <BrandMark />
        <div>
          <div className="nav-brand-name">{t('app.name')}</div>
          <div className="nav-brand-sub">{t('app.tagline')}</div>
        </div>
      </div>
      <ul className="nav-list">{WORK_AREAS.map(item)}</ul>
      <ul className="nav-list nav-list-footer">{FOOTER.map(item)}</ul>
      <SyncIndicator />
    </nav>
  );
}
