/** `GET /v3/scm/certificates/{id}`. */

import type { CertificateStore } from "../certificate-store";
import type { Reply } from "../faults";
import {
  domainType,
  scmTime,
  sha1Fingerprint,
  signatureAlgorithm,
  signatureAlgorithmKey,
  validityPeriodMonths,
} from "./certificate-fields";
import { lookUp } from "./scm-errors";

/** Statuses in which SCM has no issued certificate yet, so its validity dates are empty. */
const NOT_YET_ISSUED = new Set(["PAID", "CHECKING", "CHECKING_ORG", "ISSUING", "UNPASSED", "CANCELCHECKING"]);

export function showCertificate(store: CertificateStore, certificateId: string, legacyField: boolean): Reply {
  const found = lookUp(store, certificateId);
  if ("refused" in found) return found.refused;
  const { certificate } = found.entry;
  const issued = !NOT_YET_ISSUED.has(certificate.status);
  return {
    status: 200,
    body: {
      id: certificate.id,
      status: certificate.status,
      name: certificate.name,
      type: certificate.type,
      brand: certificate.brand,
      domain: certificate.domain,
      sans: certificate.sans.join(","),
      issue_time: issued ? scmTime(certificate.issueTime) : "",
      not_before: issued ? scmTime(certificate.notBefore) : "",
      not_after: issued ? scmTime(certificate.notAfter) : "",
      [signatureAlgorithmKey(legacyField)]: signatureAlgorithm(certificate),
      fingerprint: issued ? sha1Fingerprint(certificate) : "",
      validity_period: validityPeriodMonths(certificate),
      validation_method: "DNS",
      domain_type: domainType(certificate),
      push_support: "OFF",
      revoke_reason: "",
      enterprise_project_id: certificate.enterpriseProjectId,
    },
  };
}
