/** `POST /v3/scm/certificates/{id}/export`. */

import { CERTIFICATE_ID_PATTERN } from "../../provider/schemas";
import { EXPORTABLE_STATUSES } from "../../provider/scm/api-schemas";
import type { CertificateStore } from "../certificate-store";
import type { Reply } from "../faults";
import { certificateNotFound, invalidCertificateId, scmError } from "./scm-errors";

export function exportCertificate(store: CertificateStore, certificateId: string): Reply {
  if (!CERTIFICATE_ID_PATTERN.test(certificateId)) return invalidCertificateId();
  const entry = store.get(certificateId);
  if (!entry) return certificateNotFound();
  const { certificate } = entry;
  if (!EXPORTABLE_STATUSES.includes(certificate.status)) {
    return scmError(
      400,
      "SCM.0010",
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
