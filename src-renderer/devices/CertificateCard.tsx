import type { DeviceCertificate } from '../../src-shared/api/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { isPlainKey } from '../i18n/messages.js';
import { Icon } from '../ui/Icon.js';

/** A certificate as a person checks it before signing: whose, from whom, until when, what key, and what is wrong. */
export function CertificateCard({ certificate: c }: { certificate: DeviceCertificate }) {
  const { t, fmt, plural } = useI18n();
  const name = c.subject.commonName ?? c.subject.text;
  const key = c.keyType === 'EC' && c.curve ? `EC ${c.curve}` : `${c.keyType} ${c.keyBits}`;
  const usage = c.keyUsage === null ? t('devices.cert.keyUsageAny') : c.keyUsage.map((u) => keyUsageText(u, t)).join(t('common.listSeparator'));
  const day = (iso: string) => fmt.date(iso.slice(0, 10));
  return (
    <article className={c.problems.length ? 'device-cert device-cert-warn' : 'device-cert'} aria-label={name}>
      <header className="device-cert-head">
        <Icon name={c.isCa ? 'shield' : 'key'} />
        <strong>{name}</strong>
        {c.isCa && <span className="badge">{t('devices.cert.ca')}</span>}
      </header>
      <dl className="facts device-cert-facts">
        {c.subject.organization && (
          <>
            <dt>{t('devices.cert.organization')}</dt>
            <dd>{c.subject.organization}</dd>
          </>
        )}
        {c.subject.organizationalUnit && (
          <>
            <dt>{t('devices.cert.unit')}</dt>
            <dd>{c.subject.organizationalUnit}</dd>
          </>
        )}
        <dt>{t('devices.cert.issuer')}</dt>
        <dd>{c.issuer.commonName ?? c.issuer.text}</dd>
        <dt>{t('devices.cert.validity')}</dt>
        <dd>
          {t('devices.cert.validRange', { from: day(c.notBefore), to: day(c.notAfter) })}
          {c.daysLeft >= 0 && <span className="muted"> · {plural('devices.cert.daysLeft', c.daysLeft)}</span>}
        </dd>
        <dt>{t('devices.cert.key')}</dt>
        <dd>{key}</dd>
        {!c.isCa && (
          <>
            <dt>{t('devices.cert.keyUsage')}</dt>
            <dd>{usage}</dd>
            <dt>{t('devices.cert.storage')}</dt>
            <dd>{t(`devices.storage.${c.keyStorage}`)}</dd>
          </>
        )}
        <dt>{t('devices.cert.serial')}</dt>
        <dd className="mono">{c.serialNumber}</dd>
      </dl>
      {c.problems.length > 0 && (
        <ul className="device-problems" aria-label={t('devices.cert.problems')}>
          {c.problems.map((p) => (
            <li key={p}>
              <Icon name="alert" size={16} />
              <span>{t(`devices.problem.${p}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function keyUsageText(usage: string, t: ReturnType<typeof useI18n>['t']): string {
  const key = `devices.keyUsage.${usage}`;
  return isPlainKey(key) ? t(key) : usage;
}
