import { createHash, createHmac } from "node:crypto";
import {
  EMPTY_BODY_SHA256,
  HEADER_AUTHORIZATION,
  HEADER_DOMAIN_ID,
  HEADER_SDK_DATE,
  HEADER_SECURITY_TOKEN,
  SIGNING_ALGORITHM,
} from "../constants";
import { ScmInputError } from "../errors";
import type { OutgoingRequest } from "../http/request-authorizer";

/*
 * `SDK-HMAC-SHA256`, the request signing of Huawei Cloud's API gateway, as pure steps in the
 * order they run: the canonical request, the string to sign, the signature and the
 * `Authorization` header. Each takes what it needs (the clock included) and returns a string, so
 * the published vectors test every step and the emulator verifies with the very functions that sign.
 */

// The canonical request.

/**
 * Percent-encodes everything except the RFC 3986 unreserved characters (`A-Z a-z 0-9 - _ . ~`),
 * with upper-case hex, as the `SDK-HMAC-SHA256` canonical form requires.
 *
 * @example uriEncode("a b*") // "a%20b%2A"
 */
export function uriEncode(value: string): string {
  // encodeURIComponent also leaves ! ' ( ) * alone; the canonical form does not.
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The canonical URI of a path: each segment decoded, then encoded with {@link uriEncode}, always
 * ending in `/`. Decoding first means a path already encoded for the wire (`/a%20b`) signs the
 * same as the raw path Huawei's SDKs sign (`/a b`), instead of being encoded twice.
 *
 * @example canonicalUri("/v3/scm/certificates/scs1/export") // "/v3/scm/certificates/scs1/export/"
 */
export function canonicalUri(path: string): string {
  const encoded = path
    .split("/")
    .map((segment) => uriEncode(decodeSegment(segment)))
    .join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

/** Decodes a segment; one that is not valid percent-encoding is taken as written. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The canonical query string of a URL: parameters sorted by name, a repeated name's values
 * sorted, both before encoding (as Huawei's SDKs sort), each encoded with {@link uriEncode} and
 * written `name=value`, joined by `&`. Empty when the URL has no query.
 *
 * @example canonicalQuery(new URL("https://h/p?b=2&a=&b=1")) // "a=&b=1&b=2"
 */
export function canonicalQuery(url: URL): string {
  const valuesByName = new Map<string, string[]>();
  for (const [name, value] of url.searchParams) {
    const values = valuesByName.get(name);
    if (values) values.push(value);
    else valuesByName.set(name, [value]);
  }
  const pairs: string[] = [];
  for (const name of [...valuesByName.keys()].sort()) {
    for (const value of (valuesByName.get(name) ?? []).sort()) {
      pairs.push(`${uriEncode(name)}=${uriEncode(value)}`);
    }
  }
  return pairs.join("&");
}

/**
 * The headers keyed by lower-case name. Two names that differ only in case are refused: which
 * of them would be signed, and which sent, would be anyone's guess.
 */
function headerMap(headers: Readonly<Record<string, string>>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (map.has(lower)) {
      throw new ScmInputError(`The header ${lower} is given twice (names differ only in case).`, [
        { property: `headers.${name}`, reason: "duplicates another header name" },
      ]);
    }
    map.set(lower, value);
  }
  return map;
}

/**
 * The names of the headers to sign: every header given (as Huawei's Node SDK signs every header
 * it sends) except `Authorization`, lower-case and sorted. The caller includes `host` and
 * `X-Sdk-Date` in `headers`.
 *
 * @example signedHeaderNames({ Host: "h", "X-Sdk-Date": "20191115T033655Z" }) // ["host", "x-sdk-date"]
 */
export function signedHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  const authorization = HEADER_AUTHORIZATION.toLowerCase();
  return [...headerMap(headers).keys()].filter((name) => name !== authorization).sort();
}

/**
 * The canonical headers: `name:value\n` for each signed header, in the order given (lower-case,
 * sorted, as {@link signedHeaderNames} returns them). Values are trimmed, since the receiving
 * server sees them without surrounding whitespace; a signed header that is absent reads as empty.
 *
 * @example canonicalHeaders({ Host: "h" }, ["host"]) // "host:h\n"
 */
export function canonicalHeaders(
  headers: Readonly<Record<string, string>>,
  signedHeaders: readonly string[],
): string {
  const byName = headerMap(headers);
  return signedHeaders.map((name) => `${name}:${(byName.get(name) ?? "").trim()}\n`).join("");
}

/**
 * Hex SHA-256 of the body's UTF-8 bytes; {@link EMPTY_BODY_SHA256} when there is none.
 */
export function payloadHash(body: string | undefined): string {
  if (body === undefined || body === "") return EMPTY_BODY_SHA256;
  return createHash("sha256").update(body, "utf8").digest("hex");
}

/** What the canonical request is computed from. */
export interface CanonicalRequestInput {
  /** HTTP method, in any case. */
  readonly method: string;
  readonly url: URL;
  /** The headers sent, including `host` and `X-Sdk-Date`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Lower-case, sorted names of the headers to sign. */
  readonly signedHeaders: readonly string[];
  /** The body exactly as sent, or `undefined` for none. */
  readonly body: string | undefined;
}

/**
 * The canonical request of `SDK-HMAC-SHA256`: method, canonical URI, canonical query, canonical
 * headers, signed header names and payload hash, joined by `\n`.
 */
export function canonicalRequest(input: CanonicalRequestInput): string {
  return [
    input.method.toUpperCase(),
    canonicalUri(input.url.pathname),
    canonicalQuery(input.url),
    canonicalHeaders(input.headers, input.signedHeaders),
    input.signedHeaders.join(";"),
    payloadHash(input.body),
  ].join("\n");
}

// The string to sign and the signature.

const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * The `X-Sdk-Date` form of a time: `YYYYMMDDTHHMMSSZ` in UTC, whole seconds.
 *
 * @example formatSdkDate(new Date("2019-11-15T03:36:55Z")) // "20191115T033655Z"
 */
export function formatSdkDate(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

/** Reads an `X-Sdk-Date` value; `undefined` unless it is a real time in exactly that form. */
export function parseSdkDate(value: string): Date | undefined {
  const match = SDK_DATE.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day, hour, minute, second));
  // Date.UTC rolls 2019-02-30 over to March: such a value is not a real time.
  return formatSdkDate(date) === value ? date : undefined;
}

/**
 * The string to sign: the algorithm, the `X-Sdk-Date` value and the hex SHA-256 of the canonical
 * request, joined by `\n`.
 */
export function stringToSign(sdkDate: string, canonicalRequest: string): string {
  const hash = createHash("sha256").update(canonicalRequest, "utf8").digest("hex");
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${hash}`;
}

/** Hex HMAC-SHA256 of the string to sign, keyed with the secret key. */
export function hmacSignature(secretKey: string, stringToSign: string): string {
  return createHmac("sha256", secretKey).update(stringToSign, "utf8").digest("hex");
}

/** The parts of an `SDK-HMAC-SHA256` `Authorization` header. */
export interface AuthorizationParts {
  readonly accessKey: string;
  /** Lower-case, sorted names of the signed headers. */
  readonly signedHeaders: readonly string[];
  /** Hex HMAC-SHA256 signature. */
  readonly signature: string;
}

/**
 * The `Authorization` header value:
 * `SDK-HMAC-SHA256 Access={AK}, SignedHeaders={a;b}, Signature={hex}`.
 */
export function authorizationHeader(parts: AuthorizationParts): string {
  return `${SIGNING_ALGORITHM} Access=${parts.accessKey}, SignedHeaders=${parts.signedHeaders.join(";")}, Signature=${parts.signature}`;
}

const AUTHORIZATION = new RegExp(
  `^${SIGNING_ALGORITHM}\\s+Access=([^\\s,]+)\\s*,\\s*SignedHeaders=([^\\s,]+)\\s*,\\s*Signature=([0-9a-fA-F]+)$`,
);

/** Reads an `Authorization` header written by {@link authorizationHeader}; `undefined` otherwise. */
export function parseAuthorizationHeader(
  value: string,
): { accessKey: string; signedHeaders: string[]; signature: string } | undefined {
  const match = AUTHORIZATION.exec(value.trim());
  if (!match) return undefined;
  const [, accessKey = "", signedHeaders = "", signature = ""] = match;
  return { accessKey, signedHeaders: signedHeaders.split(";"), signature };
}

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
