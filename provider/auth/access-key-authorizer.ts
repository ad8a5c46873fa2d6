import type { Dispatcher } from "undici";
import type { OutgoingRequest, RequestAuthorizer } from "../http/request-authorizer";
import { type DomainIdCache, domainIdCache, lookUpDomainId } from "./domain-id-lookup";
import { type SigningCredentials, signRequest } from "./signing";

/** Options of {@link AccessKeyAuthorizer}. */
export interface AccessKeyAuthorizerOptions {
  /** The time each signature carries in `X-Sdk-Date`. @default () => new Date() */
  readonly clock?: (() => Date) | undefined;
  /**
   * Where to look up the account id when the credentials carry no `domainId`: IAM's endpoint
   * (`…/v3`), and how to reach it. Without it, no `X-Domain-Id` is sent.
   */
  readonly domainIdFrom?:
    | {
        readonly authUrl: string;
        readonly dispatcher?: Dispatcher | undefined;
        readonly timeoutMs?: number | undefined;
        /** @default the process-wide {@link domainIdCache} */
        readonly cache?: DomainIdCache | undefined;
      }
    | undefined;
}

/**
 * Authenticates with an access key pair: each attempt is signed with `SDK-HMAC-SHA256` at the
 * current time, so a retry never carries a stale date. SCM is a global service and takes the
 * account id as `X-Domain-Id`: given, or looked up at IAM once per process, as Huawei's SDKs do.
 */
export class AccessKeyAuthorizer implements RequestAuthorizer {
  readonly kind = "access-key";
  readonly #credentials: SigningCredentials;
  readonly #options: AccessKeyAuthorizerOptions;
  /** The account id once looked up: every later attempt signs with it straight away. */
  #domainId: string | undefined;

  constructor(credentials: SigningCredentials, options: AccessKeyAuthorizerOptions = {}) {
    this.#credentials = { ...credentials };
    this.#options = options;
  }

  async authorize(request: OutgoingRequest): Promise<Record<string, string>> {
    this.#domainId ||= this.#credentials.domainId || (await this.#lookedUpDomainId());
    const domainId = this.#domainId;
    const clock = this.#options.clock ?? (() => new Date());
    // Signed after the lookup, so the date is the time of sending.
    return signRequest(request, { ...this.#credentials, domainId }, clock());
  }

  #lookedUpDomainId(): Promise<string> | undefined {
    const from = this.#options.domainIdFrom;
    if (from === undefined) return undefined;
    const identity = {
      accessKey: this.#credentials.accessKey,
      secretKey: this.#credentials.secretKey,
      securityToken: this.#credentials.securityToken,
      authUrl: from.authUrl,
    };
    return (from.cache ?? domainIdCache).get(identity, from.dispatcher, () =>
      lookUpDomainId(identity, {
        dispatcher: from.dispatcher,
        timeoutMs: from.timeoutMs,
        clock: this.#options.clock,
      }),
    );
  }
}
