import { DAY_MS } from "../constants";
import type { CertificateMetadata } from "./x509-metadata";

/** How many days before `notAfter` a certificate starts to draw an expiry warning, by default. */
export const DEFAULT_EXPIRY_WARNING_DAYS = 30;

/**
 * Warnings for a certificate that clients reject today: expired, or not valid yet. Valid means
 * `notBefore <= now <= notAfter`, as OpenSSL counts it.
 */
export function validityWarnings(
  metadata: Pick<CertificateMetadata, "notBefore" | "notAfter" | "subject">,
  now: Date,
): string[] {
  const subject = JSON.stringify(metadata.subject);
  if (now.getTime() > Date.parse(metadata.notAfter)) {
    return [
      `The certificate ${subject} expired on ${metadata.notAfter}: clients reject it. ` +
        "Renew it in SCM and export the renewal.",
    ];
  }
  if (now.getTime() < Date.parse(metadata.notBefore)) {
    return [
      `The certificate ${subject} is not valid until ${metadata.notBefore}: clients reject it until then.`,
    ];
  }
  return [];
}

/** What {@link expiryWarning} needs to know. */
export interface ExpiryWarningInput {
  /** The id of the certificate exported (`scs1627959834994`). */
  readonly certificateId: string;
  /** The domain the certificate is for (SCM's `domain`, or its common name); omitted from the message when unknown. */
  readonly domain?: string | undefined;
  /** End of validity, RFC 3339 (the metadata's `notAfter`). */
  readonly notAfter: string;
  readonly now: Date;
  /** Warn when `notAfter` is closer than this many days; `0` never warns. @default 30 */
  readonly expiryWarningDays?: number | undefined;
  /**
   * How the resource chooses its certificate: by `domain` it follows renewals by itself, so the
   * message says so instead of telling how to switch. @default "certificateId"
   */
  readonly selectedBy?: "certificateId" | "domain" | undefined;
}

/**
 * A warning when a certificate that is still valid expires within `expiryWarningDays`, naming the
 * certificate id, its domain and the date, and saying how to move to the renewal; `undefined`
 * otherwise. An expired certificate is {@link validityWarnings}' job, so it gets `undefined` here.
 */
export function expiryWarning(input: ExpiryWarningInput): string | undefined {
  const days = input.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS;
  const remainingMs = Date.parse(input.notAfter) - input.now.getTime();
  if (remainingMs < 0 || remainingMs >= days * DAY_MS) return undefined;
  const remainingDays = Math.floor(remainingMs / DAY_MS);
  const when =
    remainingDays === 0 ? "in less than a day" : `in ${remainingDays} day${remainingDays === 1 ? "" : "s"}`;
  const forDomain = input.domain === undefined ? "" : ` for ${input.domain}`;
  const lead = `Certificate ${input.certificateId}${forDomain} expires on ${input.notAfter} (${when}).`;
  if (input.selectedBy === "domain") {
    return `${lead} Renew it in SCM: once the renewal is issued, the next \`pulumi up\` moves to it.`;
  }
  const domainArgument =
    input.domain === undefined ? "`domain`" : `\`domain: ${JSON.stringify(input.domain)}\``;
  return (
    `${lead} SCM issues a renewal under a new id: switch this resource to ${domainArgument} to follow ` +
    "renewals, or set `certificateId` to the renewed certificate's id."
  );
}
