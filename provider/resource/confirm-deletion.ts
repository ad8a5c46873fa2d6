import type { ScmApiError } from "../errors";
import type { ScmClient } from "../scm/scm-client";

/**
 * Every certificate of the account in every status and every enterprise project the credentials
 * may list (what `all` means, per Huawei's ListCertificates page): the listing that can prove an id
 * is gone. SCM's defaults are the same (`all`, `ALL`); they are spelled out so that no change of
 * default can narrow the proof. `owned_by_self` keeps its default (the account's own): a certificate
 * shared from another account cannot be exported by this one.
 */
const WHOLE_ACCOUNT = { enterpriseProjectId: "all", status: "ALL" } as const;

/**
 * Called when SCM answered an export with "I do not know this id" (`SCM.0020` or `SCM.0008`).
 * That answer alone does not take a certificate out of the state: SCM documents it for an id that
 * is wrong, not for one that was deleted. The account's listing decides. Resolves with the warning
 * to show when the listing does not hold the id; rejects, keeping the state, when it still holds it,
 * when it cannot show every certificate (SCM's paging limits), or when it fails.
 */
export async function confirmDeletion(
  client: ScmClient,
  unknown: ScmApiError,
  certificateId: string,
  urn: unknown,
): Promise<string> {
  const keep = (why: string, options?: { cause: unknown }) =>
    unknown.withHint(`${why} The state keeps the certificate.`, options);
  const forget = `If it is gone, remove it with pulumi state delete '${typeof urn === "string" ? urn : "<urn>"}'.`;
  let listing: Awaited<ReturnType<ScmClient["listCertificates"]>>;
  try {
    listing = await client.listCertificates(WHOLE_ACCOUNT);
  } catch (error) {
    // Credentials allowed to export but not to list end here too: say what listing needs, and what else works.
    throw keep(
      `SCM no longer knows the id, but the listing that would confirm it is gone failed (${(error as Error).message}); listing needs the IAM permission scm:cert:list. Refresh again later. ${forget}`,
      { cause: error },
    );
  }
  if (listing.certificates.some((c) => c.id === certificateId)) {
    throw keep(
      "SCM's listing of this account still holds the certificate, so it is not gone. Refresh again later; if it persists, quote the request id to Huawei Cloud support.",
    );
  }
  if (!listing.complete) {
    throw keep(
      `SCM no longer knows the id, but its listing reached only ${listing.certificates.length} of the account's ${listing.total} certificates (SCM's paging limits, or certificates that came or went while it listed), so it cannot confirm the certificate is gone. ${forget}`,
    );
  }
  return (
    `${certificateId} no longer exists in SCM: the export answered ${unknown.answer}, and the account's listing ` +
    `(${listing.total} certificates in every status and every enterprise project these credentials can list) does not hold it. Removing it from the state.`
  );
}
