/**
 * Every Huawei Cloud error code the package reacts to, and the few more its emulator answers with,
 * each with its status, what it means, and the page it comes from. The client, the resource, the
 * emulator and the tests import them from here, so that none can drift from Huawei's tables.
 */

/** "SCM Error Codes", in the API reference of Cloud Certificate Manager (the same table on every site). */
export const SCM_ERROR_CODES_PAGE = "https://support.huaweicloud.com/intl/en-us/api-ccm/scmEn.html";
/** "Error Codes" of the API Request Signing Guide: what the gateway in front of every service answers. */
export const APIGW_ERROR_CODES_PAGE =
  "https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-errorcode.html";

/** 400 "Tenant has no privilege.": the certificate belongs to another account ({@link SCM_ERROR_CODES_PAGE}). */
export const SCM_TENANT_NO_PRIVILEGE = "SCM.0003";
/** 400 "Incorrect request parameter." ({@link SCM_ERROR_CODES_PAGE}). */
export const SCM_INCORRECT_PARAMETER = "SCM.0005";
/** 400 "Abnormal certificate ID" ({@link SCM_ERROR_CODES_PAGE}). */
export const SCM_ABNORMAL_CERTIFICATE_ID = "SCM.0008";
/** 400 "This operation is not allowed by the current certificate type or status." ({@link SCM_ERROR_CODES_PAGE}). */
export const SCM_STATUS_FORBIDS = "SCM.0010";
/** 400 "Incorrect certificate ID." ({@link SCM_ERROR_CODES_PAGE}). */
export const SCM_INCORRECT_CERTIFICATE_ID = "SCM.0020";

/**
 * The codes with which SCM says it does not know a certificate id. Huawei's table has no code for
 * "does not exist" and no 404 of SCM's own: which of the two a deleted certificate gets is not
 * documented, so both are taken to mean it, with status 400 (as documented) or 404.
 */
export const SCM_UNKNOWN_CERTIFICATE_CODES: readonly string[] = [
  SCM_INCORRECT_CERTIFICATE_ID,
  SCM_ABNORMAL_CERTIFICATE_ID,
];

/** Whether an error answer is SCM saying it does not know the certificate id. */
export function isUnknownCertificate(status: number, errorCode: string | undefined): boolean {
  return (
    (status === 400 || status === 404) &&
    errorCode !== undefined &&
    SCM_UNKNOWN_CERTIFICATE_CODES.includes(errorCode)
  );
}

/** 404 "The API does not exist or has not been published in the environment.": a wrong path or endpoint ({@link APIGW_ERROR_CODES_PAGE}). */
export const APIGW_API_NOT_FOUND = "APIGW.0101";
/** 502 "Backend unavailable." ({@link APIGW_ERROR_CODES_PAGE}). */
export const APIGW_BACKEND_UNAVAILABLE = "APIGW.0202";
/** 504 "Backend timeout." ({@link APIGW_ERROR_CODES_PAGE}). */
export const APIGW_BACKEND_TIMEOUT = "APIGW.0203";
/** 401 "Incorrect IAM authentication information." ({@link APIGW_ERROR_CODES_PAGE}). */
export const APIGW_AUTH_FAILED = "APIGW.0301";
/** 403 "The IAM user is not authorized to access the API." ({@link APIGW_ERROR_CODES_PAGE}). */
export const APIGW_NOT_AUTHORIZED = "APIGW.0302";
/** 401 "The token must be updated.": a token expired or revoked; a new one may work ({@link APIGW_ERROR_CODES_PAGE}). */
export const APIGW_TOKEN_EXPIRED = "APIGW.0307";
/** 429 "The throttling threshold has been reached." ({@link APIGW_ERROR_CODES_PAGE}). */
export const APIGW_THROTTLED = "APIGW.0308";
/** 503 "Unable to reach the IAM service." ({@link APIGW_ERROR_CODES_PAGE}). */
export const APIGW_IAM_UNAVAILABLE = "APIGW.0613";

/**
 * The emulator's code for a 500 of SCM itself. Not in Huawei's table (it documents no 5xx code of
 * SCM's own); the package reacts to the status alone.
 */
export const SCM_INTERNAL_ERROR = "SCM.0001";
