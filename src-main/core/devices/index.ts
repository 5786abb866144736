/**
 * Signing devices: every slot, token and certificate the machine's PKCS#11 modules show, the
 * PKCS#12 files the person remembered, each certificate judged (validity, key usage, chain, where
 * the key lives) and given a {@link CertificateRef} the signing code opens the key with again.
 * PKCS#11 calls run in the device thread (device-thread.ts) with deadlines; hot-plug is watched there.
 *
 *   const devices = new SigningDevices({ scanner: threadScanner(), settings, onChange });
 *   const { modules, pkcs12Files } = await devices.list();
 */
export { SigningDevices, MAX_REMEMBERED, type SigningDevicesOptions } from './signing-devices.js';
export { inThreadScanner, threadScanner, type DeviceScanner, type ThreadScannerOptions } from './device-scanner.js';
export { watchDevices, type DeviceWatch, type DeviceWatchOptions } from './device-watch.js';
export { describeDeviceCertificate, EXPIRES_SOON_DAYS } from './certificate-facts.js';
// Exported for unit tests: a listing from a module's scan.
export { describeModule } from './inventory.js';
export { importIssuedCertificate, requestCertificateOnToken, type ApplicantSubject, type CertificateRequestResult, type TokenAddress } from './enrolment.js';
