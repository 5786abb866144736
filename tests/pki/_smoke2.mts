import { createSoftHsmToken } from '../support/softhsm.js';
import { parseCertificate } from '../../src-main/core/pki/index.js';
import { createPublicKey } from 'node:crypto';
const t = createSoftHsmToken();
for (const [id, type] of [['01','rsa:2048'],['02','rsa:3072'],['03','EC:prime256v1'],['04','EC:secp384r1']] as const) {
  const t0 = performance.now();
  t.generateKey({ id, label: 'k'+id, type });
  const t1 = performance.now();
  const spki = t.readPublicKey(id);
  const k = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  console.log(type, (t1-t0).toFixed(0)+'ms', k.asymmetricKeyType, k.asymmetricKeyDetails);
}
t.cleanup();
