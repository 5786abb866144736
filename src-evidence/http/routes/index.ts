import type { EvidenceService } from '../../service.js';
import { changeRoutes } from './changes.js';
import { documentRoutes } from './documents.js';
import { evidenceRoutes } from './evidence.js';
import { logRoutes } from './log.js';
import type { RouteSpec } from './route.js';
import { serviceRoutes } from './service.js';
import { tenantRoutes } from './tenant.js';
// Offline signatures upgraded on sync (issue 11)
import { timestampRoutes } from './timestamp.js';
import { uploadRoutes } from './uploads.js';

/**
 * Every route of the evidence API, in one table assembled from one file per resource: the HTTP
 * server registers them from it, the OpenAPI document is generated from it, and the isolation test
 * walks it — a route cannot exist without being documented and tested for tenant isolation.
 *
 * `auth: 'public'` routes serve the transparency log itself (checkpoints, tiles, proofs, lookups by
 * evidence number, the verification page). Everything else needs a tenant token and filters by its
 * tenant.
 */
export function allRoutes(service: EvidenceService, openapi: () => unknown): RouteSpec[] {
  return [
    ...serviceRoutes(service, openapi),
    ...logRoutes(service),
    ...tenantRoutes(service),
    ...evidenceRoutes(service),
    ...uploadRoutes(service),
    ...documentRoutes(service),
    ...changeRoutes(service),
    ...timestampRoutes(service),
  ];
}

export type { HttpMethod, RouteRequest, RouteResult, RouteSpec } from './route.js';
