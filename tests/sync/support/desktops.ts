import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EvidenceClient } from '../../../src-main/core/evidence/index.js';
import { Library } from '../../../src-main/core/library/index.js';
import { createPrincipal } from '../../../src-evidence/tenancy/index.js';
import { startHarness, type Harness, type HarnessOptions } from '../../evidence/support/harness.js';

/** One evidence service and the desktops of one tenant, each its own data folder and person. */
export interface Team {
  readonly h: Harness;
  readonly tenantId: string;
  desktop(person: string): Promise<Desktop>;
  close(): Promise<void>;
}

export interface Desktop {
  readonly dir: string;
  readonly library: Library;
  readonly token: string;
  readonly person: string;
  client(options?: { fetch?: typeof fetch; retries?: number }): EvidenceClient;
  close(): void;
}

export async function startTeam(options: HarnessOptions = {}): Promise<Team> {
  const h = await startHarness(options);
  const tenant = await h.tenant('同舟律师事务所');
  const opened: Desktop[] = [];
  return {
    h,
    tenantId: tenant.tenantId,
    async desktop(person) {
      const { token } = await createPrincipal(h.service.ctx, tenant.tenantId, { kind: 'user', name: person, role: 'member' });
      const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-desktop-'));
      const library = new Library(dir, { actor: person });
      const d: Desktop = {
        dir,
        library,
        token: token.token,
        person,
        client: (o = {}) => new EvidenceClient({ serviceUrl: h.url, token: token.token, stateDir: null, retries: o.retries ?? 0, fetch: o.fetch }),
        close: () => {
          if (library.db.open) library.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
      opened.push(d);
      return d;
    },
    async close() {
      for (const d of opened) d.close();
      await h.close();
    },
  };
}
