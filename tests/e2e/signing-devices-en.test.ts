import { signingDevicesScenario } from './support/devices-scenario.js';

// One language per file: see the scenario's note on SoftHSM and test processes.
signingDevicesScenario('en');
