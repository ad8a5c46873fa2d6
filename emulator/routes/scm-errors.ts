/** SCM's error bodies, shared by the routes. */

import type { Reply } from "../faults";

/** `{"error_code", "error_msg"}` with a status. */
export function scmError(status: number, code: string, message: string): Reply {
  return { status, body: { error_code: code, error_msg: message } };
}

/** Certificate ids are exactly 16 characters of `A-Z a-z 0-9 _ -`. */
export const CERTIFICATE_ID = /^[A-Za-z0-9_-]{16}$/;

export const invalidCertificateId = (): Reply => scmError(400, "SCM.0020", "Incorrect certificate ID.");
export const certificateNotFound = (): Reply => scmError(404, "SCM.0002", "The certificate does not exist.");
