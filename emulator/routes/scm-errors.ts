/** SCM's error bodies, shared by the routes. */

import { CERTIFICATE_NOT_FOUND_CODE } from "../../provider/constants";
import type { Reply } from "../faults";

/** `{"error_code", "error_msg"}` with a status. */
export function scmError(status: number, code: string, message: string): Reply {
  return { status, body: { error_code: code, error_msg: message } };
}

export const invalidCertificateId = (): Reply => scmError(400, "SCM.0020", "Incorrect certificate ID.");
export const certificateNotFound = (): Reply =>
  scmError(404, CERTIFICATE_NOT_FOUND_CODE, "The certificate does not exist.");
