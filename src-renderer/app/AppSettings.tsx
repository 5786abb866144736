import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { OperationInput, OperationOutput, Settings } from '../../src-shared/api/index.js';
import { useApi } from '../api/ApiContext.js';

export type AppInfo = OperationOutput<'app.info'>;

interface AppSettingsValue {
  settings: Settings | null;
  info: AppInfo | null;
  error: unknown;
  update(patch: OperationInput<'settings.update'>): Promise<Settings>;
  /** Take settings another path already stored (e.g. the native folder dialog). */
  replace(settings: Settings): void;
  reload(): void;
}

const AppSettingsContext = createContext<AppSettingsValue | null>(null);

/** The person's settings and the app's facts, loaded once and shared (language drives the whole UI). */
export function AppSettingsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([api.settings.get({}), api.app.info({})]).then(
      ([s, i]) => {
        if (!live) return;
        setSettings(s);
        setInfo(i);
        setError(null);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, nonce]);

  const update = useCallback(
    async (patch: OperationInput<'settings.update'>) => {
      const next = await api.settings.update(patch);
      setSettings(next);
      return next;
    },
    [api],
  );
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const value = useMemo(() => ({ settings, info, error, update, replace: setSettings, reload }), [settings, info, error, update, reload]);
  return <AppSettingsContext.Provider value={value}>{children}</AppSettingsContext.Provider>;
}

export function useAppSettings(): AppSettingsValue {
  const value = useContext(AppSettingsContext);
  if (!value) throw new Error('useAppSettings outside AppSettingsProvider');
  return value;
}
