import type { Fault } from "../../emulator";
import { SCM_ABNORMAL_CERTIFICATE_ID, SCM_INCORRECT_CERTIFICATE_ID } from "../../provider/huawei-codes";

/** The messages of Huawei's "SCM Error Codes" table for the codes that say an id is not known. */
const MESSAGES: Readonly<Record<string, string>> = {
  [SCM_INCORRECT_CERTIFICATE_ID]: "Incorrect certificate ID.",
  [SCM_ABNORMAL_CERTIFICATE_ID]: "Abnormal certificate ID",
};

/**
 * SCM saying it does not know a certificate id, as Huawei documents it (400 `SCM.0020` by default):
 * set on one certificate, its export answers so while the listing still holds it.
 */
export function unknownIdFault(
  status = 400,
  errorCode: keyof typeof MESSAGES = SCM_INCORRECT_CERTIFICATE_ID,
): Fault {
  return { kind: "status", status, errorCode, errorMessage: MESSAGES[errorCode] };
}
