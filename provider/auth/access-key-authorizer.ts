import type { OutgoingRequest, RequestAuthorizer } from "./authorizer";
import { type SigningCredentials, signRequest } from "./signing";

/** Options of {@link AccessKeyAuthorizer}. */
export interface AccessKeyAuthorizerOptions {
  /** The time each signature carries in `X-Sdk-Date`. @default () => new Date() */
  readonly clock?: () => Date;
}

/**
 * Authenticates with an access key pair: each attempt is signed with `SDK-HMAC-SHA256` at the
 * current time, so a retry never carries a stale date.
 */
export class AccessKeyAuthorizer implements RequestAuthorizer {
  readonly kind = "access-key";
  readonly #credentials: SigningCredentials;
  readonly #clock: () => Date;

  constructor(credentials: SigningCredentials, options: AccessKeyAuthorizerOptions = {}) {
    this.#credentials = { ...credentials };
    this.#clock = options.clock ?? (() => new Date());
  }

  async authorize(request: OutgoingRequest): Promise<Record<string, string>> {
    return signRequest(request, this.#credentials, this.#clock());
  }
}
