import type { ReactNode, RefObject } from 'react';
import type { DeviceCertificate, DeviceInventory, PinState, SigningLevel } from '../../src-shared/api/index.js';
import { useI18n } from '../i18n/I18nProvider.js';

/**
 * The parts of the signing ceremony that one document and a batch share: the dialog's frame,
 * choosing the certificate and level, and typing the PIN with the token's state said in words.
 */

/** Certificates that can be chosen: those with a key beside them (not CA certificates). */
export function signingCertificates(inventory: DeviceInventory): Array<{ cert: DeviceCertificate; token: string }> {
  return inventory.modules.flatMap((m) =>
    m.slots.flatMap((s) => (s.token?.certificates ?? []).filter((c) => c.ref && !c.isCa).map((cert) => ({ cert, token: s.token!.label }))),
  );
}

export function CertificateChoice({
  inventory,
  chosen,
  onChoose,
  level,
  onLevel,
  tsa,
  onTsa,
  author,
  onAuthor,
}: {
  inventory: DeviceInventory | null;
  chosen: string;
  onChoose: (sha256: string) => void;
  level: SigningLevel;
  onLevel: (level: SigningLevel) => void;
  tsa: string;
  onTsa: (url: string) => void;
  author: boolean;
  onAuthor: (author: boolean) => void;
}) {
  const { t } = useI18n();
  const certificates = inventory ? signingCertificates(inventory) : [];
  return (
    <>
      {inventory && certificates.length === 0 && <p className="notice">{t('signing.noCertificates')}</p>}
      {certificates.length > 0 && (
        <fieldset className="signing-certificates">
          <legend>{t('signing.certificateChoice')}</legend>
          {certificates.map(({ cert, token }) => (
            <label key={cert.sha256} className="signing-certificate">
              <input type="radio" name="certificate" value={cert.sha256} checked={cert.sha256 === chosen} onChange={() => onChoose(cert.sha256)} />
              <span>
                <strong>{cert.subject.commonName ?? cert.subject.text}</strong>
                {cert.subject.organization && <> · {cert.subject.organization}</>}
                <span className="muted"> · {token}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <label className="field">
        <span>{t('signing.level')}</span>
        <select value={level} onChange={(e) => onLevel(e.currentTarget.value as SigningLevel)}>
          {(['B-B', 'B-T', 'B-LT', 'B-LTA'] as const).map((l) => (
            <option key={l} value={l}>
              PAdES {l}
            </option>
          ))}
        </select>
      </label>
      {level !== 'B-B' && (
        <label className="field">
          <span>{t('signing.tsa')}</span>
          <input type="url" value={tsa} required onChange={(e) => onTsa(e.currentTarget.value)} />
        </label>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={author} onChange={(e) => onAuthor(e.currentTarget.checked)} /> {t('signing.author')}
      </label>
    </>
  );
}

export function PinEntry({ pinState, pin, onPin }: { pinState: PinState | null; pin: string; onPin: (pin: string) => void }) {
  const { t } = useI18n();
  return (
    <div className="signing-pin">
      {pinState?.locked && <p className="notice notice-error">{t('signing.pinLocked')}</p>}
      {!pinState?.locked && pinState?.finalTry && <p className="notice notice-error">{t('signing.pinFinalTry')}</p>}
      {!pinState?.locked && !pinState?.finalTry && pinState?.countLow && <p className="notice notice-warning">{t('signing.pinCountLow')}</p>}
      {pinState?.pinPad ? (
        <p className="notice">{t('signing.pinPad')}</p>
      ) : (
        !pinState?.locked && (
          <label className="field">
            <span>{pinState ? t('signing.pinLabel', { token: pinState.tokenLabel }) : t('signing.passwordLabel')}</span>
            <input type="password" autoComplete="off" autoFocus value={pin} maxLength={256} onChange={(e) => onPin(e.currentTarget.value)} />
          </label>
        )
      )}
      <p className="muted">{t('signing.pinNeverStored')}</p>
    </div>
  );
}

/** Where a ceremony dialog is: the same steps for one document and for a batch. */
export type CeremonyStep = 'key' | 'preparing' | 'review' | 'pin' | 'signing' | 'done';

/**
 * The frame of a ceremony dialog: Enter moves to the next step (choose → confirm → PIN → sign),
 * Escape closes it except while signing, and the step list shows where the person is.
 */
export function CeremonyDialog({
  dialogRef,
  className,
  titleId,
  title,
  step,
  onClose,
  onNext,
  children,
}: {
  dialogRef: RefObject<HTMLDialogElement | null>;
  className: string;
  titleId: string;
  title: string;
  step: CeremonyStep;
  onClose: () => void;
  /** Enter (the form's submit) in the current step. */
  onNext: () => void;
  children: ReactNode;
}) {
  return (
    <dialog
      ref={dialogRef}
      className={className}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        if (step === 'signing') e.preventDefault();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onNext();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <CeremonySteps
          current={step === 'key' || step === 'preparing' ? 'key' : step === 'review' ? 'review' : step === 'pin' || step === 'signing' ? 'pin' : null}
        />
        {children}
      </form>
    </dialog>
  );
}

/** The three steps of a ceremony, the current one marked: choose the key, confirm, type the PIN. */
export function CeremonySteps({ current }: { current: 'key' | 'review' | 'pin' | null }) {
  const { t } = useI18n();
  return (
    <ol className="signing-steps" aria-hidden="true">
      <li className={current === 'key' ? 'current' : ''}>{t('signing.step.key')}</li>
      <li className={current === 'review' ? 'current' : ''}>{t('signing.step.review')}</li>
      <li className={current === 'pin' ? 'current' : ''}>{t('signing.step.pin')}</li>
    </ol>
  );
}

/** The token's state after a failed PIN (the error carries it): said before the next try. */
export function pinStateAfter(pinState: PinState | null, error: { code: string; details: Record<string, unknown> }): PinState | null {
  if (pinState && error.code === 'TOKEN_PIN_INCORRECT')
    return { ...pinState, countLow: error.details.countLow === true, finalTry: error.details.finalTry === true };
  if (pinState && error.code === 'TOKEN_PIN_LOCKED') return { ...pinState, locked: true };
  return pinState;
}
