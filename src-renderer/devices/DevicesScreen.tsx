import { useCallback, useState } from 'react';
import type { DeviceInventory, DeviceModule, DeviceSlot } from '../../src-shared/api/index.js';
import { useApi, useShell } from '../api/ApiContext.js';
import { useCoreEvents } from '../hooks/useCoreEvents.js';
import { useLoader } from '../hooks/useLoader.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { Spinner } from '../ui/Spinner.js';
import { AddPathForm } from './AddPathForm.js';
import { CertificateCard } from './CertificateCard.js';
import { Pkcs12Files } from './Pkcs12Files.js';

/**
 * 签名设备 / Signing devices: every token driver Inkstone knows or was given, the USB keys plugged
 * in with their certificates (and what is wrong with each), and the remembered PKCS#12 files. The
 * list follows the core's `devices.changed` events, so a key plugged in shows up without a click.
 */
export function DevicesScreen() {
  const api = useApi();
  const { t, fmt } = useI18n();
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const inventory = useLoader(() => api.devices.list({}), [api]);
  const { reload, setData } = inventory;
  useCoreEvents(
    useCallback(
      (event) => {
        if (event.type !== 'devices.changed') return;
        reload();
        setUpdatedAt(new Date().toISOString());
      },
      [reload],
    ),
  );
  const data = inventory.data;
  const tokens = data?.modules.flatMap((m) => m.slots.filter((s) => s.token?.initialized)) ?? [];
  const nothingFound = data !== undefined && tokens.length === 0 && data.pkcs12Files.length === 0;

  return (
    <div className="screen devices-screen">
      <header className="screen-header">
        <div className="screen-heading">
          <h1>{t('devices.title')}</h1>
          <p className="muted">{t('devices.subtitle')}</p>
        </div>
        <div className="screen-actions">
          <button type="button" className="btn" onClick={reload} disabled={inventory.loading}>
            {t('devices.refresh')}
          </button>
        </div>
      </header>
      {/* Announces changes that arrive by themselves (a key plugged in), for screen readers too. */}
      <p className="visually-hidden" role="status" aria-live="polite">
        {updatedAt ? t('devices.updated', { time: fmt.dateTime(updatedAt) }) : ''}
      </p>
      {inventory.error !== null && <ErrorBanner error={inventory.error} title={t('devices.loadError')} onRetry={reload} />}
      {!data && inventory.error === null && <Spinner label={t('common.loading')} />}
      {data && (
        <div className="devices-body">
          {nothingFound && <EmptyState />}
          <section className="settings-group devices-modules" aria-labelledby="devices-modules-title">
            <h2 id="devices-modules-title">{t('devices.modules')}</h2>
            {data.modules.map((m) => (
              <ModuleSection key={m.path} module={m} onChanged={setData} />
            ))}
            <AddModule onAdded={setData} />
          </section>
          <Pkcs12Files files={data.pkcs12Files} onChanged={setData} />
        </div>
      )}
    </div>
  );
}

function EmptyState() {
  const { t } = useI18n();
  return (
    <section className="devices-empty" aria-labelledby="devices-empty-title">
      <Icon name="usbKey" size={36} />
      <div>
        <h2 id="devices-empty-title">{t('devices.empty.title')}</h2>
        <ol>
          <li>{t('devices.empty.plug')}</li>
          <li>{t('devices.empty.driver')}</li>
          <li>{t('devices.empty.file')}</li>
        </ol>
      </div>
    </section>
  );
}

function ModuleSection({ module: m, onChanged }: { module: DeviceModule; onChanged: (inventory: DeviceInventory) => void }) {
  const api = useApi();
  const { t, plural } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const withTokens = m.slots.filter((s) => s.token?.initialized || s.problem);
  const empty = m.slots.length - withTokens.length;
  const title = m.middleware || m.path.split(/[\\/]/).pop() || m.path;
  const remove = () => {
    setError(null);
    api.devices.removeModule({ path: m.path }).then(onChanged, setError);
  };
  return (
    <div className="device-module">
      <div className="device-module-head">
        <div>
          <h3>{title}</h3>
          <div className="mono muted device-path">{m.path}</div>
          {m.userAdded && <span className="badge">{t('devices.module.added')}</span>}
        </div>
        {m.userAdded && (
          <button type="button" className="btn btn-quiet" onClick={remove} aria-label={t('devices.module.remove', { name: title })}>
            <Icon name="trash" />
          </button>
        )}
      </div>
      {m.error && <ErrorBanner error={m.error} title={t('devices.module.error')} />}
      {error !== null && <ErrorBanner error={error} />}
      {!m.error && withTokens.length === 0 && <p className="muted">{t('devices.module.noTokens')}</p>}
      {withTokens.map((slot) => (
        <TokenCard key={slot.slotId} slot={slot} />
      ))}
      {!m.error && empty > 0 && withTokens.length > 0 && <p className="muted">{plural('devices.module.emptySlots', empty)}</p>}
    </div>
  );
}

function TokenCard({ slot }: { slot: DeviceSlot }) {
  const { t } = useI18n();
  const token = slot.token;
  if (!token) return <ErrorBanner message={t('devices.token.problem', { problem: slot.problem ?? '' })} />;
  const warnings = [
    token.pinLocked && t('devices.token.pinLocked'),
    !token.pinLocked && token.pinFinalTry && t('devices.token.pinFinalTry'),
    !token.pinLocked && !token.pinFinalTry && token.pinCountLow && t('devices.token.pinCountLow'),
  ].filter((w): w is string => Boolean(w));
  return (
    <section className="device-token card" aria-label={token.label}>
      <header className="device-token-head">
        <Icon name="usbKey" size={22} />
        <div>
          <h4>{token.label}</h4>
          <div className="muted">{t('devices.token.line', { device: [token.manufacturer, token.model].filter(Boolean).join(' '), serial: token.serial })}</div>
          {token.pinPad && <div className="muted">{t('devices.token.pinPad')}</div>}
        </div>
      </header>
      {warnings.map((w) => (
        <div key={w} className="banner banner-error" role="note">
          <Icon name="alert" />
          <div className="banner-body">{w}</div>
        </div>
      ))}
      {slot.problem && <ErrorBanner message={t('devices.token.problem', { problem: slot.problem })} />}
      {token.certificates.length === 0 ? (
        <p className="muted">{t('devices.token.noCertificates')}</p>
      ) : (
        <div className="device-certs">
          {[...token.certificates]
            .sort((a, b) => Number(a.isCa) - Number(b.isCa))
            .map((c) => (
              <CertificateCard key={c.sha256} certificate={c} />
            ))}
        </div>
      )}
    </section>
  );
}

/** Add a token driver: the native dialog in the desktop app, a path field in the browser host. */
function AddModule({ onAdded }: { onAdded: (inventory: DeviceInventory) => void }) {
  const api = useApi();
  const shell = useShell();
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  if (shell) {
    const choose = () => {
      setError(null);
      shell.chooseDeviceFile('pkcs11Module').then((inventory) => inventory && onAdded(inventory), setError);
    };
    return (
      <div className="device-add">
        <button type="button" className="btn" onClick={choose}>
          <Icon name="plus" />
          <span>{t('devices.addModule')}</span>
        </button>
        {error !== null && <ErrorBanner error={error} />}
      </div>
    );
  }
  return (
    <AddPathForm
      id="device-module-path"
      label={t('devices.addModule.label')}
      submit={t('devices.addModule.submit')}
      onSubmit={(path) => api.devices.addModule({ path }).then(onAdded)}
    />
  );
}
