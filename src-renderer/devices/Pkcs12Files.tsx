import { useState, type FormEvent } from 'react';
import type { DeviceInventory, Pkcs12Entry } from '../../src-shared/api/index.js';
import { useApi, useShell } from '../api/ApiContext.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { Icon } from '../ui/Icon.js';
import { AddPathForm } from './AddPathForm.js';
import { CertificateCard } from './CertificateCard.js';

/** Remembered PKCS#12 files: where they are, never their passwords; certificates shown on request with the password. */
export function Pkcs12Files({ files, onChanged }: { files: Pkcs12Entry[]; onChanged: (inventory: DeviceInventory) => void }) {
  const api = useApi();
  const shell = useShell();
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const choose = () => {
    setError(null);
    shell?.chooseDeviceFile('pkcs12File').then((inventory) => inventory && onChanged(inventory), setError);
  };
  return (
    <section className="settings-group devices-files" aria-labelledby="devices-files-title">
      <h2 id="devices-files-title">{t('devices.files')}</h2>
      <p className="muted settings-hint">{t('devices.files.hint')}</p>
      {files.length === 0 && <p className="muted">{t('devices.files.none')}</p>}
      {files.map((f) => (
        <Pkcs12File key={f.path} file={f} onChanged={onChanged} />
      ))}
      {shell ? (
        <div className="device-add">
          <button type="button" className="btn" onClick={choose}>
            <Icon name="plus" />
            <span>{t('devices.files.remember')}</span>
          </button>
          {error !== null && <ErrorBanner error={error} />}
        </div>
      ) : (
        <AddPathForm
          id="device-p12-path"
          label={t('devices.files.rememberLabel')}
          submit={t('devices.files.rememberSubmit')}
          onSubmit={(path) => api.devices.rememberPkcs12({ path }).then(onChanged)}
        />
      )}
    </section>
  );
}

function Pkcs12File({ file, onChanged }: { file: Pkcs12Entry; onChanged: (inventory: DeviceInventory) => void }) {
  const api = useApi();
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [opened, setOpened] = useState<Pkcs12Entry | null>(null);
  const [error, setError] = useState<unknown>(null);
  const shown = opened ?? file;
  const open = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    api.devices.openPkcs12({ path: file.path, password }).then(
      (entry) => {
        setOpened(entry);
        // The password served this one reading; it is not kept in the page either.
        setPassword('');
      },
      (err: unknown) => setError(err),
    );
  };
  const forget = () => {
    setError(null);
    api.devices.forgetPkcs12({ path: file.path }).then(onChanged, setError);
  };
  const passwordId = `p12-password-${file.path}`;
  return (
    <div className="device-module device-file">
      <div className="device-module-head">
        <div>
          <h3>{file.name}</h3>
          <div className="mono muted device-path">{file.path}</div>
        </div>
        <button type="button" className="btn btn-quiet" onClick={forget} aria-label={t('devices.files.forget', { name: file.name })}>
          <Icon name="trash" />
        </button>
      </div>
      {!file.present && <ErrorBanner message={t('devices.files.missing')} />}
      {file.present && shown.needsPassword && (
        <form className="device-add" onSubmit={open}>
          <p className="muted">{t('devices.files.locked')}</p>
          <label htmlFor={passwordId}>{t('devices.files.password', { name: file.name })}</label>
          <div className="device-add-row">
            <input id={passwordId} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
            <button type="submit" className="btn">
              {t('devices.files.show')}
            </button>
          </div>
        </form>
      )}
      {error !== null && <ErrorBanner error={error} />}
      {shown.certificates.length > 0 && (
        <div className="device-certs">
          {shown.certificates.map((c) => (
            <CertificateCard key={c.sha256} certificate={c} />
          ))}
        </div>
      )}
    </div>
  );
}
