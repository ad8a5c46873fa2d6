/**
 * `SDK-HMAC-SHA256`, the request signing of Huawei Cloud's API gateway, as pure steps: each
 * takes what it needs (the clock included) and returns a string, so the emulator can verify with
 * the very functions that sign.
 */
export {
  type AuthorizationParts,
  authorizationHeader,
  parseAuthorizationHeader,
} from "./authorization-header";
export { canonicalHeaders } from "./canonical-headers";
export { canonicalQuery } from "./canonical-query";
export { type CanonicalRequestInput, canonicalRequest } from "./canonical-request";
export { canonicalUri } from "./canonical-uri";
export { hmacSignature } from "./hmac-signature";
export { payloadHash } from "./payload-hash";
export { formatSdkDate, parseSdkDate } from "./sdk-date";
export { type SigningCredentials, signRequest } from "./sign-request";
export { signedHeaderNames } from "./signed-header-names";
export { stringToSign } from "./string-to-sign";
export { uriEncode } from "./uri-encode";
