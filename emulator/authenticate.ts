/** The API gateway's check in front of every SCM path: a token, or a signed request. */

import { HEADER_AUTH_TOKEN } from "../provider/constants";
import type { Exchange } from "./exchange";
import type { IamTokens } from "./iam";
import type { EmulatedAccessKey } from "./types";
import { type AuthResult, verifySignature } from "./verify-signature";

/** The credentials an emulator accepts. */
export interface AcceptedCredentials {
  readonly token: string;
  readonly iamTokens: IamTokens;
  readonly accessKeys: readonly EmulatedAccessKey[];
  readonly scheme: "http" | "https";
}

/** Accepts the configured token, an unexpired IAM token, or a valid signature. */
export function authenticate(exchange: Exchange, accepted: AcceptedCredentials): AuthResult {
  const token = exchange.headers[HEADER_AUTH_TOKEN.toLowerCase()];
  if (token !== undefined) {
    if (token === accepted.token) return { ok: true };
    switch (accepted.iamTokens.state(token)) {
      case "valid":
        return { ok: true };
      case "expired":
        return { ok: false, code: "APIGW.0307", message: "The token must be updated." };
      case "unknown":
        return {
          ok: false,
          code: "APIGW.0301",
          message: "Incorrect IAM authentication information: decrypt token fail",
        };
    }
  }
  if (exchange.headers.authorization !== undefined) {
    const host = exchange.headers.host;
    if (!host)
      return { ok: false, code: "APIGW.0301", message: "Incorrect IAM authentication information: no host" };
    return verifySignature(
      {
        method: exchange.method,
        url: new URL(`${exchange.url.pathname}${exchange.url.search}`, `${accepted.scheme}://${host}`),
        headers: exchange.headers,
        body: exchange.body,
      },
      accepted.accessKeys,
    );
  }
  return {
    ok: false,
    code: "APIGW.0301",
    message: "Incorrect IAM authentication information: no credentials",
  };
}
