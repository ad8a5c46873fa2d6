import * as pulumi from "@pulumi/pulumi";
import { certificateCovers } from "../scm/domain-coverage";
import type { ListCertificatesQuery } from "../scm/scm-client";
import { SettingsResolver } from "../settings/settings-resolver";
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

/** A program's settings: its stack config, then the environment. */
const programSettings = new SettingsResolver((key) => pulumi.runtime.getConfig(key));

/**
 * Lists SCM certificates from a program, for programs that choose a certificate themselves.
 * Credentials and the endpoint are found as the resource finds them: stack config in the
 * `huaweicloud` namespace, then `HW_*` environment variables.
 *
 * @example
 * const issued = await getScmCertificates({ domain: "shop.example.com", status: "ISSUED" });
 */
export async function getScmCertificates(
  args: GetScmCertificatesArgs = {},
): Promise<ScmCertificateSummary[]> {
  const client = await clientFor(programSettings.resolve(args));
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
