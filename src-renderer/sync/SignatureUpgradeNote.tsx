import { useEffect, useState } from 'react';
import type { Contract, SignatureUpgrade } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';

/** What became of the contract's offline signatures, read again whenever the contract changes. */
export function useSignatureUpgrades(contract: Contract): readonly SignatureUpgrade[] {
  const api = useApi();
  const [upgrades, setUpgrades] = useState<readonly SignatureUpgrade[]>([]);
  useEffect(() => {
    let live = true;
    api.signatures.upgrades({ contractId: contract.id }).then(
      (r) => live && setUpgrades(r.upgrades),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, contract]);
  return upgrades;
}

/**
 * On a version: "time proven on sync" with the level reached, for the version a sync added to prove
 * when an offline signature was made; "time to be proven on sync" on an offline signature still
 * waiting, with the reason of the last attempt as its hint.
 */
export function SignatureUpgradeNote({ upgrades, versionId }: { upgrades: readonly SignatureUpgrade[]; versionId: string }) {
  const { t, fmt, errorText } = useI18n();
  const proven = upgrades.find((u) => u.toVersionId === versionId);
  if (proven?.level) {
    // A non-breaking hyphen: "B-T" never splits at the end of a narrow line.
    const level = proven.level.replace('-', '\u2011');
    const hint = t('signatureUpgrade.provenHint', { time: proven.provenTime ? fmt.dateTime(proven.provenTime) : '—', level });
    return (
      <span className="signature-upgrade signature-upgrade-proven" title={hint} data-testid="time-proven-on-sync">
        {t('signatureUpgrade.proven', { level })}
      </span>
    );
  }
  const waiting = upgrades.find((u) => u.fromVersionId === versionId && u.state === 'waiting');
  if (!waiting) return null;
  return (
    <span
      className="signature-upgrade signature-upgrade-waiting"
      title={waiting.lastError ? errorText(waiting.lastError) : undefined}
      data-testid="time-to-be-proven"
    >
      {t('signatureUpgrade.waiting')}
    </span>
  );
}
