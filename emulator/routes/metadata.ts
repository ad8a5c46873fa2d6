/**
 * The ECS metadata service's `GET /openstack/latest/securitykey`: temporary keys of the agency
 * attached to the server, or 404 when none is.
 */

import type { Exchange } from "../exchange";
import { credentialBody, type TemporaryKeys } from "../temporary-keys";

/** What the metadata service hands out: one lifetime for every key. */
export interface MetadataService {
  /** Whether an agency is attached to the server. */
  readonly agencyAttached: boolean;
  readonly lifetimeMs: number;
}

export function handleSecurityKey(exchange: Exchange, service: MetadataService, keys: TemporaryKeys): void {
  if (!service.agencyAttached) {
    exchange.json(404, { error: "no agency is attached to this server" });
    return;
  }
  exchange.json(200, credentialBody(keys.issue("metadata", service.lifetimeMs)));
}
