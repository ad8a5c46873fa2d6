import {
  HEADER_AUTHORIZATION,
  HEADER_DOMAIN_ID,
  HEADER_SDK_DATE,
  HEADER_SECURITY_TOKEN,
} from "../../constants";
import type { OutgoingRequest } from "../../http/request-authorizer";
import { authorizationHeader } from "./authorization-header";
import { canonicalRequest } from "./canonical-request";
import { hmacSignature } from "./hmac-signature";
import { formatSdkDate } from "./sdk-date";
import { signedHeaderNames } from "./signed-header-names";
import { stringToSign } from "./string-to-sign";

/** An access key pair, optionally temporary, and the account it acts in. */
export interface SigningCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
  /** Security token of a temporary access key pair; sent (and signed) as `X-Security-Token`. */
  readonly securityToken?: string | undefined;
  /** Account (domain) id; sent (and signed) as `X-Domain-Id`, as global services such as SCM take it. */
  readonly domainId?: string | undefined;
}

/** Headers this signer writes; any left from an earlier signing are replaced, so a retry can be re-signed. */
const OWNED_HEADERS = new Set(
  [HEADER_AUTHORIZATION, HEADER_SDK_DATE, HEADER_SECURITY_TOKEN, HEADER_DOMAIN_ID].map((name) =>
    name.toLowerCase(),
  ),
);

/**
 * Signs a request with `SDK-HMAC-SHA256` at the time `now` and returns the headers to add:
 * `X-Sdk-Date`, `Authorization` and, when the credentials have them, `X-Security-Token` and
 * `X-Domain-Id` (added before signing, so they are signed, as Huawei's Node SDK does).
 *
 * Every other header of the request is signed, and `host` too: taken from the URL (as the HTTP
 * client sends it) unless the request sets it.
 */
export function signRequest(
  request: OutgoingRequest,
  credentials: SigningCredentials,
  now: Date,
): Record<string, string> {
  const sdkDate = formatSdkDate(now);
  const added: Record<string, string> = { [HEADER_SDK_DATE]: sdkDate };
  if (credentials.securityToken) added[HEADER_SECURITY_TOKEN] = credentials.securityToken;
  if (credentials.domainId) added[HEADER_DOMAIN_ID] = credentials.domainId;

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!OWNED_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  if (!Object.keys(headers).some((name) => name.toLowerCase() === "host")) headers.host = request.url.host;
  Object.assign(headers, added);

  const signedHeaders = signedHeaderNames(headers);
  const canonical = canonicalRequest({
    method: request.method,
    url: request.url,
    headers,
    signedHeaders,
    body: request.body,
  });
  const signature = hmacSignature(credentials.secretKey, stringToSign(sdkDate, canonical));
  return {
    ...added,
    [HEADER_AUTHORIZATION]: authorizationHeader({
      accessKey: credentials.accessKey,
      signedHeaders,
      signature,
    }),
  };
}
