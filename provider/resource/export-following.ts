import { ScmApiError } from "../errors";
import type { ExportedCertificate, ScmClient } from "../scm/scm-client";
import { selectCertificate } from "../scm/select-certificate";
import { rfc3339 } from "../x509/x509-metadata";
import type { DomainInputs } from "./resource-inputs";

/**
 * Following a domain, exports the certificate `check` selected (or selects one now). When SCM no
 * longer knows that id by the time it is exported (deleted since the preview), the domain is
 * selected again, once, and a warning names the certificate taken in its place. Any other failure,
 * or a selection that finds the same id again, fails with SCM's answer.
 */
export async function exportFollowing(
  client: ScmClient,
  inputs: DomainInputs,
  warn: (message: string) => void,
): Promise<ExportedCertificate> {
  const query = { domain: inputs.domain, enterpriseProjectId: inputs.enterpriseProjectId };
  const chosen = inputs.selectedCertificateId ?? (await selectCertificate(client, query)).id;
  try {
    return await client.exportCertificate(chosen);
  } catch (error) {
    if (!(error instanceof ScmApiError && error.certificateUnknown)) throw error;
    const again = await selectCertificate(client, query);
    if (again.id === chosen) {
      // The user gave a domain, not this id: "check the id" would send them looking for a typo.
      throw error.withHint(
        `${chosen} was selected for ${inputs.domain}, and SCM's listing still holds it though SCM says it does not know the id. ` +
          "Try again later; if it persists, quote the request id to Huawei Cloud support.",
      );
    }
    warn(
      `${inputs.domain}: SCM no longer knows ${chosen}, selected for it (${error.answer}); exporting ${again.id} ` +
        `(expires ${again.expireTime ? rfc3339(again.expireTime) : "unknown"}), selected again for the domain, in its place.`,
    );
    return client.exportCertificate(again.id);
  }
}
