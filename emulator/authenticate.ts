/** The API gateway's check in front of every SCM path: a token, or a signed request. */

import { HEADER_AUTH_TOKEN, HEADER_DOMAIN_ID } from "../provider/constants";
import { APIGW_TOKEN_EXPIRED } from "../provider/huawei-codes";
import type { Exchange } from "./exchange";
import type { IamTokens } from "./iam";
import type { TemporaryKeys } from "./temporary-keys";
import type { EmulatedAccessKey } from "./types";
import { type AuthResult, rejected, verifySignature } from "./verify-signature";

/** The credentials an emulator accepts. */
export interface AcceptedCredentials {
  readonly token: string;
  readonly iamTokens: IamTokens;
  readonly accessKeys: readonly EmulatedAccessKey[];
  /** Temporary keys IAM or the metadata service issued: valid until they expire, with their security token. */
  readonly temporaryKeys?: TemporaryKeys;
  readonly scheme: "http" | "https";
  /** The account every access key belongs to. */
  readonly domainId: string;
  /** The account's project, which a signed request may name (`X-Project-Id`) instead of the account. */
  readonly projectId: string;
}

/**
 * Accepts the configured token, an unexpired IAM token, or a valid signature. SCM is a global
 * service: a signed request to it must also name the key's account in `X-Domain-Id`; IAM's own
 * paths (`forIam`) need no such header.
 */
export function authenticate(
  exchange: Exchange,
  accepted: AcceptedCredentials,
  { forIam = false }: { forIam?: boolean } = {},
): AuthResult {
  const token = exchange.headers[HEADER_AUTH_TOKEN.toLowerCase()];
  if (token !== undefined) {
    if (token === accepted.token) return { ok: true };
    switch (accepted.iamTokens.state(token)) {
      case "valid":
        return { ok: true };
      case "expired":
        return { ok: false, code: APIGW_TOKEN_EXPIRED, message: "The token must be updated." };
      case "unknown":
        return rejected("decrypt token fail");
    }
  }
  if (exchange.headers.authorization !== undefined) {
    const host = exchange.headers.host;
    if (!host) return rejected("no host");
    const verified = verifySignature(
      {
        method: exchange.method,
        url: new URL(`${exchange.url.pathname}${exchange.url.search}`, `${accepted.scheme}://${host}`),
        headers: exchange.headers,
        body: exchange.body,
      },
      [...accepted.accessKeys, ...(accepted.temporaryKeys?.unexpired() ?? [])],
    );
    if (!verified.ok || forIam) return verified;
    const domainId = exchange.headers[HEADER_DOMAIN_ID.toLowerCase()];
    if (domainId === accepted.domainId) return verified;
    // Huawei's SDKs also call SCM with a project's credentials (`X-Project-Id`).
    if (domainId === undefined && exchange.headers["x-project-id"] === accepted.projectId) return verified;
    return rejected(
      domainId === undefined
        ? `${HEADER_DOMAIN_ID} is required for a global service`
        : `${HEADER_DOMAIN_ID} is not the access key's account`,
    );
  }
  return rejected("no credentials");
}
