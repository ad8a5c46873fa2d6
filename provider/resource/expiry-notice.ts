import { expiryWarning } from "../x509/validity";

/** What the expiry warning reads from a resource's state. */
export interface ExpiryFacts {
  readonly certificateId?: string | undefined;
  readonly domain?: string | undefined;
  readonly subject?: string | undefined;
  readonly notAfter?: string | undefined;
}

/**
 * The warning a resource shows at preview, up and refresh when its certificate expires within
 * `expiryWarningDays`; `undefined` when it does not, or when the state does not say yet.
 */
export function expiryNotice(
  state: ExpiryFacts,
  expiryWarningDays: number | undefined,
  now: Date = new Date(),
): string | undefined {
  const { certificateId, domain, subject, notAfter } = state;
  if (!notAfter || !certificateId) return undefined;
  return expiryWarning({
    certificateId,
    domain: domain ?? subject ?? certificateId,
    notAfter,
    now,
    expiryWarningDays,
    selectedBy: domain ? "domain" : "certificateId",
  });
}
