/** `POST /v3/scm/certificates/{id}/export`. */

import { SCM_STATUS_FORBIDS } from "../../provider/huawei-codes";
import { EXPORTABLE_STATUSES } from "../../provider/scm/api-schemas";
import type { CertificateStore } from "../certificate-store";
import type { Reply } from "../faults";
import { lookUp, scmError } from "./scm-errors";

export function exportCertificate(store: CertificateStore, certificateId: string): Reply {
  const found = lookUp(store, certificateId);
  if ("refused" in found) return found.refused;
  const { certificate } = found.entry;
  if (!EXPORTABLE_STATUSES.includes(certificate.status)) {
    return scmError(
      400,
      SCM_STATUS_FORBIDS,
      "The operation is not allowed by the current certificate type or status.",
    );
  }
  const body: Record<string, string> = {
    entire_certificate: certificate.certificate + certificate.certificateChain,
    certificate: certificate.certificate,
    certificate_chain: certificate.certificateChain,
    private_key: certificate.privateKey,
  };
  if (certificate.encCertificate !== undefined) body.enc_certificate = certificate.encCertificate;
  if (certificate.encPrivateKey !== undefined) body.enc_private_key = certificate.encPrivateKey;
  return { status: 200, body };
}
