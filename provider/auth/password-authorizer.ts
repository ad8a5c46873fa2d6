import { createHash } from "node:crypto";
import type { Dispatcher } from "undici";
import { HEADER_AUTH_TOKEN } from "../constants";
import type { OutgoingRequest, RequestAuthorizer } from "../http/request-authorizer";
import { untilAborted } from "../http/until-aborted";
import { exchangePasswordForToken, type IssuedToken, type PasswordIdentity } from "./iam-token-exchange";
import { iamTokenCache, type TokenCache } from "./token-cache";

/** Options of {@link PasswordAuthorizer}. */
export interface PasswordAuthorizerOptions {
  /** The dispatcher IAM is called through (TLS settings, proxies, tests). @default undici's global dispatcher */
  readonly dispatcher?: Dispatcher | undefined;
  /** The time against which a cached token's expiry is checked. @default () => new Date() */
  readonly clock?: (() => Date) | undefined;
  /** Most milliseconds the exchange at IAM may take, its whole answer included. @default 30000 */
  readonly timeoutMs?: number | undefined;
  /** Where tokens are kept. @default the process-wide {@link iamTokenCache} */
  readonly cache?: TokenCache | undefined;
}

/**
 * Authenticates with an IAM user's password: exchanged at IAM for a token, which is sent as
 * `X-Auth-Token` and kept in the process (shared by every authorizer of the same auth URL,
 * account, user, password and scope) until five minutes before it expires. Callers that arrive during an
 * exchange share it. A 401 drops it, so the next attempt gets a new one.
 */
export class PasswordAuthorizer implements RequestAuthorizer {
  readonly kind = "password";
  readonly #identity: PasswordIdentity;
  readonly #options: PasswordAuthorizerOptions;
  readonly #cache: TokenCache;
  readonly #key: string;
  /** The token this authorizer last sent: the one a 401 refused. */
  #sent: IssuedToken | undefined;

  constructor(identity: PasswordIdentity, options: PasswordAuthorizerOptions = {}) {
    this.#identity = { ...identity };
    this.#options = options;
    this.#cache = options.cache ?? iamTokenCache;
    const scope = "project" in identity.scope ? `project:${identity.scope.project}` : "domain";
    // Keyed by everything that authenticates, the password included (as a digest: credentials
    // are not kept as keys), so a wrong password never borrows the token a right one obtained.
    this.#key = createHash("sha256")
      .update(
        JSON.stringify([
          identity.authUrl.replace(/\/+$/, ""),
          identity.domainName,
          identity.userName,
          identity.password,
          scope,
        ]),
      )
      .digest("hex");
  }

  async authorize(
    _request?: OutgoingRequest,
    options?: { signal?: AbortSignal },
  ): Promise<Record<string, string>> {
    const now = (this.#options.clock ?? (() => new Date()))();
    const issued = this.#cache.get(this.#key, now, () =>
      exchangePasswordForToken(this.#identity, {
        dispatcher: this.#options.dispatcher,
        timeoutMs: this.#options.timeoutMs,
      }),
    );
    // The exchange is shared: one caller giving up must not cancel it for the others.
    this.#sent = await untilAborted(issued, options?.signal);
    return { [HEADER_AUTH_TOKEN]: this.#sent.token };
  }

  /**
   * The gateway refused the token (401). Huawei documents `APIGW.0307` for a token to renew, but
   * its FAQs show an expired or revoked token answered `APIGW.0301` too: whatever the code, the
   * token is dropped and the request is worth one more attempt with a new one (the transport
   * renews once per call, so a second 401 is the error).
   */
  async renewAfterUnauthorized(): Promise<boolean> {
    this.#cache.drop(this.#key, this.#sent);
    return true;
  }
}
