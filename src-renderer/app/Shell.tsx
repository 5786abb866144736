import { ClausesScreen } from '../clauses/ClausesScreen.js';
import { useCallback, useState } from 'react';
import { ContractScreen } from '../contract/ContractScreen.js';
import { DevicesScreen } from '../devices/DevicesScreen.js';
import { DropZone } from '../import/DropZone.js';
import { useImportJob } from '../import/useImportJob.js';
import { LibraryScreen } from '../library/LibraryScreen.js';
import { SealsScreen } from '../seals/SealsScreen.js';
import { SettingsScreen } from '../settings/SettingsScreen.js';
import type { VerifyTarget } from '../verify/target.js';
import { VerifyScreen } from '../verify/VerifyScreen.js';
import { TemplateScreen } from '../templates/TemplateScreen.js';
import { NavBar } from './NavBar.js';
import { navTargetOf, type NavTarget, type Route } from './route.js';
import { UnsavedChangesProvider, useLeaveGuard } from './UnsavedChanges.js';

/**
 * The window: navigation on the left, the current screen on the right. The library stays mounted
 * while a contract is open, so its search, filters and scroll position survive the round trip.
 * Every way out of a screen goes through the leave guard, which asks when typed text is unsaved.
 */
export function Shell() {
  return (
    <UnsavedChangesProvider>
      <Window />
    </UnsavedChangesProvider>
  );
}

function Window() {
  const guard = useLeaveGuard();
  const [route, go] = useState<Route>({ name: 'library' });
  const setRoute = useCallback((next: Route) => guard(() => go(next)), [guard]);
  const importJob = useImportJob();
  const [verifyTarget, setVerifyTarget] = useState<VerifyTarget | null>(null);
  const verifyVersion = useCallback(
    (versionId: string, name: string) =>
      guard(() => {
        setVerifyTarget({ kind: 'version', versionId, name });
        go({ name: 'verify' });
      }),
    [guard],
  );
  const manageTrust = useCallback(() => setRoute({ name: 'settings' }), [setRoute]);
  const openContract = useCallback((id: string) => setRoute({ name: 'contract', id }), [setRoute]);
  const backToLibrary = useCallback(() => setRoute({ name: 'library' }), [setRoute]);
  const navigate = useCallback((target: NavTarget) => setRoute(target === 'library' ? { name: 'library' } : { name: target }), [setRoute]);
  // Dropped files are imported at once; the library is shown once the person has dealt with unsaved edits.
  const importFiles = useCallback(
    (files: File[]) => {
      importJob.start(files);
      setRoute({ name: 'library' });
    },
    [importJob, setRoute],
  );

  return (
    <div className="app">
      <NavBar current={navTargetOf(route)} onNavigate={navigate} />
      <main className="main">
        <div className="screen-host" hidden={route.name !== 'library'}>
          <LibraryScreen
            active={route.name === 'library'}
            onOpen={openContract}
            importJob={importJob}
            onImport={importFiles}
            onNewFromTemplate={() => setRoute({ name: 'templates' })}
          />
        </div>
        {route.name === 'contract' && <ContractScreen key={route.id} id={route.id} onBack={backToLibrary} onVerify={verifyVersion} />}
        {route.name === 'verify' && <VerifyScreen target={verifyTarget} onTarget={setVerifyTarget} onManageTrust={manageTrust} />}
        {route.name === 'settings' && <SettingsScreen />}
        {route.name === 'seals' && <SealsScreen onOpenSettings={manageTrust} />}
        {route.name === 'devices' && <DevicesScreen />}
        {route.name === 'clauses' && <ClausesScreen onOpenContract={openContract} />}
        {route.name === 'templates' && <TemplateScreen onBack={backToLibrary} onCreated={openContract} />}
      </main>
      {/* The Verify screen takes dropped files itself: they are checked there, not imported. */}
      {route.name !== 'verify' && <DropZone onFiles={importFiles} />}
    </div>
  );
}
