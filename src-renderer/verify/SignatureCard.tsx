import type { ReactNode } from 'react';
import type { SignatureResult } from '../../src-shared/api/verification.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { PlainKey } from '../i18n/messages.js';
import { Icon } from '../ui/Icon.js';

const INDICATION_TONE: Record<SignatureResult['indication'], string> = {
  TOTAL_PASSED: 'verify-tone-valid',
  TOTAL_FAILED: 'verify-tone-invalid',
  INDETERMINATE: 'verify-tone-indeterminate',
};

function Row({ label, children, tone }: { label: string; children: ReactNode; tone?: 'good' | 'bad' }) {
  return (
    <div className="verify-row">
      <dt>{label}</dt>
      <dd className={tone ? `verify-value-${tone}` : undefined}>{children}</dd>
    </div>
  );
}

/**
 * Whether the signer's certificate was revoked, and where that answer came from (the document's
 * own revocation data, or the certificate authority asked online), or why there is none.
 */
function RevocationRow({ revocation }: { revocation: SignatureResult['revocation'] }) {
  const { t, fmt } = useI18n();
  const signer = revocation.certificates[0];
  const source = signer?.source && signer.kind ? t(`verify.revocation.source.${signer.source}`, { kind: signer.kind.toUpperCase() }) : null;
  const tone = revocation.status === 'good' ? 'good' : revocation.status === 'revoked' ? 'bad' : undefined;
  return (
    <Row label={t('verify.revocation')} tone={tone}>
      {revocation.status === 'revoked' && signer?.revocationTime
        ? t('verify.revocation.revokedAt', { time: fmt.dateTime(signer.revocationTime) })
        : t(`verify.revocation.${revocation.status}`)}
      {source && <span className="muted"> ({source})</span>}
      {revocation.status === 'not-checked' && !revocation.online && <span className="verify-sub-line">{t('verify.revocation.offlineHint')}</span>}
      {revocation.problem && revocation.status !== 'good' && <span className="verify-sub-line">{revocation.problem.text}</span>}
    </Row>
  );
}

/** One signature or document timestamp of a verified PDF, every field in plain words. */
export function SignatureCard({ sig, onViewSigned }: { sig: SignatureResult; onViewSigned?: () => void }) {
  const { t, fmt } = useI18n();
  const title = t(sig.kind === 'document-timestamp' ? 'verify.card.timestamp' : 'verify.card.signature', { index: sig.index });
  const indication = t(`verify.indication.${sig.indication}`);
  // The first concrete problem says why in the person's terms ("changed after signing in a way this
  // signature does not allow"); the ETSI sub-indication alone can be misleading (FORMAT_FAILURE).
  const firstProblem = sig.indication !== 'TOTAL_PASSED' ? sig.problems[0]?.text : undefined;
  const sub = firstProblem ?? (sig.subIndication ? t(`verify.sub.${sig.subIndication}` as PlainKey) : null);
  const signerName = sig.signer ? (sig.signer.commonName ?? sig.signer.organisation ?? sig.signer.subject) : null;

  return (
    <article className="card verify-card" aria-label={title} data-indication={sig.indication}>
      <header className="verify-card-header">
        <div>
          <h3>{title}</h3>
          <span className="muted">{t('verify.field', { name: sig.fieldName })}</span>
        </div>
        <div className="verify-card-actions">
          <span className={`verify-pill ${INDICATION_TONE[sig.indication]}`}>{indication}</span>
          {onViewSigned && (
            <button type="button" className="btn btn-small" onClick={onViewSigned} title={t('verify.signedVersion.hint')}>
              <Icon name="file" /> {t('verify.signedVersion.view')}
            </button>
          )}
        </div>
      </header>
      <p className="verify-card-summary">{sub ? t('verify.card.headline', { indication, reason: sub }) : sig.summary.text}</p>
      <dl className="verify-rows">
        <Row label={t('verify.signer')}>
          {signerName ? (
            <>
              <strong>{signerName}</strong>
              {sig.signer?.organisation && sig.signer.organisation !== signerName && <span> · {sig.signer.organisation}</span>}
              <span className="verify-sub-line">{t('verify.issuer', { issuer: sig.signer?.issuer ?? '' })}</span>
            </>
          ) : (
            t('verify.signer.unknown')
          )}
        </Row>
        <Row label={t('verify.certificate')} tone={sig.chain.status === 'trusted' ? 'good' : sig.chain.status === 'invalid' ? 'bad' : undefined}>
          {t(`verify.chain.${sig.chain.status}`)}
        </Row>
        {sig.kind === 'signature' && <RevocationRow revocation={sig.revocation} />}
        <Row label={t('verify.provenTime')}>
          {sig.provenTime ? (
            <>
              {fmt.dateTime(sig.provenTime.time)} <span className="muted">({t(`verify.provenTime.source.${sig.provenTime.source}`)})</span>
            </>
          ) : (
            t('verify.provenTime.none')
          )}
          {sig.claimedTime && !sig.provenTime && <span className="verify-sub-line">{t('verify.claimedTime', { time: fmt.dateTime(sig.claimedTime) })}</span>}
        </Row>
        <Row label={t('verify.level')}>{t(`verify.level.${sig.level}`)}</Row>
        <Row label={t('verify.integrity')} tone={sig.integrity === 'intact' ? 'good' : 'bad'}>
          {t(`verify.integrity.${sig.integrity}`)}
        </Row>
        <Row label={t('verify.coverage')} tone={sig.coverage === 'partial' || sig.coverage === 'unclear' ? 'bad' : undefined}>
          {t(`verify.coverage.${sig.coverage}`)}
        </Row>
        <Row label={t('verify.modifications')} tone={sig.modifications === 'disallowed' ? 'bad' : undefined}>
          {t(`verify.modifications.${sig.modifications}`)}
        </Row>
      </dl>
      {sig.changes.length > 0 && (
        <section className="verify-list">
          <h4>{t('verify.changes')}</h4>
          <ul>
            {sig.changes.map((c, i) => (
              <li key={i} className={c.allowed ? undefined : 'verify-item-bad'}>
                <span className="muted">{t('verify.changeRevision', { number: c.revision + 1 })} · </span>
                {c.message.text}{' '}
                <span className={c.allowed ? 'muted' : 'verify-value-bad'}>({t(c.allowed ? 'verify.changeAllowed' : 'verify.changeNotAllowed')})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {(sig.problems.length > 0 || sig.attacks.length > 0) && (
        <section className="verify-list">
          <h4>{t('verify.problems')}</h4>
          <ul>
            {sig.attacks.map((a, i) => (
              <li key={`a${i}`} className="verify-item-bad">
                {a.message.text}
              </li>
            ))}
            {sig.problems.map((p, i) => (
              <li key={`p${i}`}>{p.text}</li>
            ))}
          </ul>
          {sig.findings.length > 0 && <p className="verify-codes">{t('verify.findingCodes', { codes: sig.findings.join(', ') })}</p>}
        </section>
      )}
    </article>
  );
}
