/** SCM's error bodies, shared by the routes. */

import {
  SCM_ABNORMAL_CERTIFICATE_ID,
  SCM_INCORRECT_CERTIFICATE_ID,
  SCM_TENANT_NO_PRIVILEGE,
} from "../../provider/huawei-codes";
import { CERTIFICATE_ID_PATTERN } from "../../provider/schemas";
import type { CertificateStore, StoredCertificate } from "../certificate-store";
import type { Reply } from "../faults";

/** `{"error_code", "error_msg"}` with a status. */
export function scmError(status: number, code: string, message: string): Reply {
  return { status, body: { error_code: code, error_msg: message } };
}

/** The caller's certificate of that id, or the error SCM answers instead. */
export type Lookup = { readonly entry: StoredCertificate } | { readonly refused: Reply };

/**
 * Looks an id up as SCM does. Huawei's table gives 400 for each code but not which one a deleted
 * certificate gets: here a malformed id is "Abnormal certificate ID" (SCM.0008) and a well-formed
 * id SCM does not hold "Incorrect certificate ID." (SCM.0020), an assumption; another account's
 * certificate is "Tenant has no privilege." (SCM.0003), as documented.
 */
export function lookUp(store: CertificateStore, id: string): Lookup {
  if (!CERTIFICATE_ID_PATTERN.test(id)) {
    return { refused: scmError(400, SCM_ABNORMAL_CERTIFICATE_ID, "Abnormal certificate ID") };
  }
  const entry = store.get(id);
  if (!entry) return { refused: scmError(400, SCM_INCORRECT_CERTIFICATE_ID, "Incorrect certificate ID.") };
  if (entry.spec.otherAccount) {
    return { refused: scmError(400, SCM_TENANT_NO_PRIVILEGE, "Tenant has no privilege.") };
  }
  return { entry };
}
