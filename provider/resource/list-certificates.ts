import { certificateCovers } from "../scm/domain-coverage";
import type { ListCertificatesQuery } from "../scm/scm-client";
import type { SettingsResolver } from "../settings/settings-resolver";
import { clientFor } from "./scm-clients";

/** Filters of {@link getScmCertificates}. */
export interface GetScmCertificatesArgs {
  /** Only certificates whose domain or SANs cover this name (wildcards cover one label). */
  readonly domain?: string;
  /** Only certificates in this status, e.g. `ISSUED`. @default every status */
  readonly status?: ListCertificatesQuery["status"];
  /** Only certificates of this enterprise project. */
  readonly enterpriseProjectId?: string;
  /** Region that decides the SCM endpoint. @default as the resource finds it */
  readonly region?: string;
  /** SCM endpoint URL, overriding the region's. */
  readonly endpoint?: string;
}

/** A certificate as SCM lists it. */
export interface ScmCertificateSummary {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  readonly sans: readonly string[];
  readonly status: string;
  /** RFC 3339, or undefined when SCM gives none. */
  readonly expireTime: string | undefined;
  readonly type: string;
  readonly brand: string;
}

/**
 * SCM's certificates that pass the filters, listed with the settings `settings` resolves for the
 * arguments: what `getScmCertificates` returns to a program and the provider plugin to the engine.
 */
export async function listCertificateSummaries(
  settings: SettingsResolver,
  args: GetScmCertificatesArgs,
): Promise<ScmCertificateSummary[]> {
  const client = await clientFor(settings.resolve(args));
  const listing = await client.listCertificates({
    ...(args.status ? { status: args.status } : {}),
    ...(args.enterpriseProjectId ? { enterpriseProjectId: args.enterpriseProjectId } : {}),
  });
  return listing.certificates
    .filter((c) => args.domain === undefined || certificateCovers(c, args.domain))
    .map((c) => ({
      id: c.id,
      name: c.name,
      domain: c.domain,
      sans: c.sans,
      status: c.status,
      expireTime: c.expireTime?.toISOString(),
      type: c.type,
      brand: c.brand,
    }));
}
