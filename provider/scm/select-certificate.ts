import { ScmSelectionError } from "../errors";
import { EXPORTABLE_STATUSES, type ListedCertificate } from "./api-schemas";
import { certificateCovers, searchZone } from "./domain-coverage";
import type { ScmClient } from "./scm-client";

/** The certificate chosen for a domain. */
export interface SelectedCertificate {
  readonly id: string;
  readonly expireTime: Date | undefined;
}

/** The certificates of a listing that could serve the domain now, best first. */
export function rankCandidates(
  certificates: readonly ListedCertificate[],
  domain: string,
  now: Date,
): ListedCertificate[] {
  return certificates
    .filter((c) => EXPORTABLE_STATUSES.includes(c.status))
    .filter((c) => certificateCovers(c, domain))
    .filter((c) => c.expireTime === undefined || c.expireTime.getTime() > now.getTime())
    .sort((a, b) => (b.expireTime?.getTime() ?? 0) - (a.expireTime?.getTime() ?? 0));
}

function describe(c: ListedCertificate): string {
  const names = [c.domain, ...c.sans.filter((s) => s !== c.domain)].join(", ");
  return `${c.id} (${names || "no domain"}; ${c.status}; expires ${c.expireTime?.toISOString() ?? "unknown"})`;
}

/**
 * Chooses the certificate to export for a domain: among ISSUED or UPLOAD certificates that cover
 * it and have not expired, the one expiring last; a tie goes to the most recently issued.
 * Certificates named for the domain itself come first: SCM is searched for the name (`content`),
 * which one page answers even in an account holding hundreds of certificates of the same zone.
 * Only when none of those is valid is the search widened: to wildcards of the parent zone, then to
 * the zone (SANs of certificates named in it), then to every certificate (older API versions
 * ignore `content`, and a domain may sit in another zone's SANs).
 */
export async function selectCertificate(
  client: ScmClient,
  query: { domain: string; enterpriseProjectId?: string | undefined },
  now: Date = new Date(),
): Promise<SelectedCertificate> {
  const base = query.enterpriseProjectId ? { enterpriseProjectId: query.enterpriseProjectId } : {};
  const zone = searchZone(query.domain);
  const wildcard = query.domain.startsWith("*.") ? [] : [{ content: `*.${zone}` }];
  const searches = [{ content: query.domain }, ...wildcard, { content: zone }, {}];
  let listing = await client.listCertificates({ ...base, ...searches[0] });
  let ranked = rankCandidates(listing.certificates, query.domain, now);
  for (const search of searches.slice(1)) {
    if (ranked.length > 0) break;
    listing = await client.listCertificates({ ...base, ...search });
    ranked = rankCandidates(listing.certificates, query.domain, now);
  }
  const [best, second] = ranked;
  if (!best) {
    const related = listing.certificates.filter((c) => certificateCovers(c, query.domain));
    const seen = (related.length > 0 ? related : listing.certificates).slice(0, 10).map(describe);
    throw new ScmSelectionError(
      `No ISSUED or UPLOAD certificate in SCM covers ${query.domain} and is still valid. ` +
        (seen.length > 0
          ? `${related.length > 0 ? "Certificates for it" : "Certificates found"}: ${seen.join("; ")}.`
          : "SCM listed no certificates for these credentials.") +
        (listing.complete
          ? ""
          : " (SCM's paging limits hid some certificates: set enterpriseProjectId to narrow the search.)"),
    );
  }
  if (second && second.expireTime?.getTime() === best.expireTime?.getTime()) {
    // Same expiry: the most recently issued wins, which only the certificate's details tell.
    const tied = ranked.filter((c) => c.expireTime?.getTime() === best.expireTime?.getTime());
    const details = await Promise.all(tied.map((c) => client.showCertificate(c.id)));
    details.sort((a, b) => (b.issueTime?.getTime() ?? 0) - (a.issueTime?.getTime() ?? 0));
    const newest = details[0] as (typeof details)[number];
    return { id: newest.id, expireTime: best.expireTime };
  }
  return { id: best.id, expireTime: best.expireTime };
}
