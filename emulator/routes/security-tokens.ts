/**
 * IAM's `POST /v3.0/OS-CREDENTIAL/securitytokens` with the `assume_role` method: temporary keys for
 * an agency, for a caller authenticated with a token or a signature (temporary keys included,
 * which makes chains of agencies work).
 */

import type { Exchange } from "../exchange";
import type { TemporaryKeys } from "../temporary-keys";
import { credentialBody } from "../temporary-keys";
import type { EmulatedAgency } from "../types";
import type { AuthResult } from "../verify-signature";

/** IAM's bounds for `duration_seconds`: 15 minutes to 24 hours. */
const MIN_DURATION_SECONDS = 900;
const MAX_DURATION_SECONDS = 86_400;
/** IAM's default lifetime when `duration_seconds` is absent. */
const DEFAULT_DURATION_SECONDS = 900;

function iamError(exchange: Exchange, code: number, title: string, message: string): void {
  exchange.json(code, { error: { code, message, title } });
}

interface AssumeRole {
  agency_name?: unknown;
  domain_name?: unknown;
  duration_seconds?: unknown;
}

function assumeRoleOf(body: string | undefined): AssumeRole | undefined {
  try {
    const parsed = JSON.parse(body ?? "") as {
      auth?: { identity?: { methods?: unknown; assume_role?: AssumeRole } };
    };
    const identity = parsed.auth?.identity;
    if (!Array.isArray(identity?.methods) || !identity.methods.includes("assume_role")) return undefined;
    return identity.assume_role;
  } catch {
    return undefined;
  }
}

/** Answers as IAM does: 201 and a `credential`, or IAM's error shape. */
export function handleAssumeRole(
  exchange: Exchange,
  authenticated: AuthResult,
  agencies: readonly EmulatedAgency[],
  keys: TemporaryKeys,
  lifetimeMs: number | undefined,
): void {
  if (!authenticated.ok) {
    iamError(exchange, 401, "Unauthorized", authenticated.message);
    return;
  }
  const request = assumeRoleOf(exchange.body);
  if (!request || typeof request.agency_name !== "string" || typeof request.domain_name !== "string") {
    iamError(exchange, 400, "Bad Request", "The request body is invalid.");
    return;
  }
  const duration = request.duration_seconds ?? DEFAULT_DURATION_SECONDS;
  if (
    typeof duration !== "number" ||
    !Number.isInteger(duration) ||
    duration < MIN_DURATION_SECONDS ||
    duration > MAX_DURATION_SECONDS
  ) {
    iamError(exchange, 400, "Bad Request", "Invalid duration_seconds.");
    return;
  }
  const agency = agencies.find(
    (candidate) =>
      candidate.agencyName === request.agency_name && candidate.domainName === request.domain_name,
  );
  if (!agency) {
    iamError(exchange, 403, "Forbidden", "You are not authorized to assume this agency.");
    return;
  }
  const key = keys.issue(`agency:${agency.domainName}/${agency.agencyName}`, lifetimeMs ?? duration * 1000);
  exchange.json(201, credentialBody(key));
}
