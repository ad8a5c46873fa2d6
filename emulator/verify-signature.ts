/** Verifies `SDK-HMAC-SHA256` signatures as the API gateway does, with the package's own signing steps. */

import { timingSafeEqual } from "node:crypto";
import {
  canonicalRequest,
  hmacSignature,
  parseAuthorizationHeader,
  parseSdkDate,
  stringToSign,
} from "../provider/auth/signing";
import { HEADER_SDK_DATE, HEADER_SECURITY_TOKEN } from "../provider/constants";
import { APIGW_AUTH_FAILED } from "../provider/huawei-codes";
import type { EmulatedAccessKey } from "./types";

/** How far `X-Sdk-Date` may be from the emulator's clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** The outcome of an authentication check; failures are answered 401 with `code`. */
export type AuthResult = { ok: true } | { ok: false; code: string; message: string };

/** A 401 `APIGW.0301`, as the gateway words it, with what was wrong. */
export const rejected = (detail: string): AuthResult => ({
  ok: false,
  code: APIGW_AUTH_FAILED,
  message: `Incorrect IAM authentication information: ${detail}`,
});

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase(), "utf8");
  const right = Buffer.from(b.toLowerCase(), "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** What a signed request is checked against. */
export interface SignedRequest {
  readonly method: string;
  /** The request URL as the client addressed it (scheme and `host` header included). */
  readonly url: URL;
  /** Headers as received, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** Checks the `Authorization` header of a request against the known access keys at time `now`. */
export function verifySignature(
  request: SignedRequest,
  accessKeys: readonly EmulatedAccessKey[],
  now: number = Date.now(),
): AuthResult {
  const parts = parseAuthorizationHeader(request.headers.authorization ?? "");
  if (!parts) return rejected("the Authorization header is not SDK-HMAC-SHA256");
  const pair = accessKeys.find((candidate) => candidate.accessKey === parts.accessKey);
  if (!pair) return rejected("the access key does not exist");
  const sdkDate = request.headers[HEADER_SDK_DATE.toLowerCase()] ?? "";
  const signedAt = parseSdkDate(sdkDate);
  if (!signedAt) return rejected("X-Sdk-Date is missing or malformed");
  if (Math.abs(now - signedAt.getTime()) > MAX_CLOCK_SKEW_MS) {
    return rejected(
      `X-Sdk-Date is more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes away from the server time`,
    );
  }
  // The gateway needs the date signed; `host` may be left out, as Huawei's Go SDK always does.
  if (!parts.signedHeaders.includes(HEADER_SDK_DATE.toLowerCase())) {
    return rejected("X-Sdk-Date must be signed");
  }
  const securityToken = request.headers[HEADER_SECURITY_TOKEN.toLowerCase()];
  if (securityToken !== (pair.securityToken ?? undefined)) {
    return rejected(
      pair.securityToken ? "the security token is missing or wrong" : "unexpected security token",
    );
  }
  const canonical = canonicalRequest({
    method: request.method,
    url: request.url,
    headers: request.headers,
    signedHeaders: parts.signedHeaders,
    body: request.body,
  });
  const expected = hmacSignature(pair.secretKey, stringToSign(sdkDate, canonical));
  return sameHex(expected, parts.signature) ? { ok: true } : rejected("verify aksk signature fail");
}
