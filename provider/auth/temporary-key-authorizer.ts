import type { Dispatcher } from "undici";
import { ScmCredentialsError } from "../errors";
import type { OutgoingRequest, RequestAuthorizer } from "../http/request-authorizer";
import { AccessKeyAuthorizer } from "./access-key-authorizer";
import { signRequest } from "./signing";
import { type TemporaryKeys, temporaryKeyCache } from "./temporary-keys";
import type { TokenCache } from "./token-cache";

/** Where a set of temporary keys comes from. */
export interface TemporaryKeySource {
  /** What fetches them, for messages. */
  readonly kind: "assume-role" | "ecs-metadata";
  /** Who hands them out, for messages: `the ECS metadata service at http://…`. */
  readonly issuer: string;
  /** A digest of everything that produces the keys: two sources with the same one share keys. */
  readonly cacheKey: string;
  /** Asks for new keys. */
  fetch(): Promise<TemporaryKeys>;
}

/** Options of {@link TemporaryKeyAuthorizer}. */
export interface TemporaryKeyAuthorizerOptions {
  /** The time signatures carry and expiry is judged by. @default () => new Date() */
  readonly clock?: (() => Date) | undefined;
  /** Where keys are kept. @default the process-wide {@link temporaryKeyCache} */
  readonly cache?: TokenCache<TemporaryKeys> | undefined;
  /** The account id the keys belong to, when known: sent as `X-Domain-Id`. */
  readonly domainId?: string | undefined;
  /** Where to look the account id up otherwise (IAM's `…/v3` endpoint), and how to reach it. */
  readonly domainIdFrom?:
    | {
        readonly authUrl: string;
        readonly dispatcher?: Dispatcher | undefined;
        readonly timeoutMs?: number | undefined;
      }
    | undefined;
}

/**
 * Signs with temporary keys, fetched when first needed and again shortly before they expire;
 * every request carries their security token. Keys are shared through the cache by every
 * authorizer with the same source, so a stack of many certificates asks once. Keys the gateway
 * refuses (401) are dropped, so the request's one renewal fetches new ones.
 */
export class TemporaryKeyAuthorizer implements RequestAuthorizer {
  readonly kind: TemporaryKeySource["kind"];
  readonly #source: TemporaryKeySource;
  readonly #options: TemporaryKeyAuthorizerOptions;
  /** The signer of the keys in use: kept while they are, so their account id is looked up once. */
  #signer: { readonly keys: TemporaryKeys; readonly authorizer: AccessKeyAuthorizer } | undefined;

  constructor(source: TemporaryKeySource, options: TemporaryKeyAuthorizerOptions = {}) {
    this.kind = source.kind;
    this.#source = source;
    this.#options = options;
  }

  /** The keys valid now, from the cache or fetched. */
  keys(): Promise<TemporaryKeys> {
    return this.#cache.get(this.#source.cacheKey, this.#now(), () => this.#fetchUnexpired());
  }

  async authorize(request: OutgoingRequest): Promise<Record<string, string>> {
    const keys = await this.keys();
    if (this.#signer?.keys !== keys) {
      const authorizer = new AccessKeyAuthorizer(
        { ...signingKeys(keys), domainId: this.#options.domainId },
        { clock: this.#options.clock, domainIdFrom: this.#options.domainIdFrom },
      );
      this.#signer = { keys, authorizer };
    }
    return this.#signer.authorizer.authorize(request);
  }

  /** Headers for a request to IAM: signed with the keys, without an account id. */
  async authorizeIam(request: OutgoingRequest): Promise<Record<string, string>> {
    const keys = await this.keys();
    return signRequest(request, signingKeys(keys), this.#now());
  }

  /**
   * The gateway refused the keys (401): revoked, or expired sooner than they said (Huawei's
   * gateway words both as `APIGW.0301`, "signature expired" among them). Whatever its code, the
   * keys this authorizer signed with are dropped and the request is worth one more attempt.
   */
  async renewAfterUnauthorized(): Promise<boolean> {
    this.#cache.drop(this.#source.cacheKey, this.#signer?.keys);
    return true;
  }

  async #fetchUnexpired(): Promise<TemporaryKeys> {
    const keys = await this.#source.fetch();
    const now = this.#now();
    if (keys.expiresAt.getTime() <= now.getTime()) {
      // Signing with them would only earn the gateway's 401. As a failed fetch, they are not
      // cached: the next call asks again.
      throw new ScmCredentialsError(
        `${capitalized(this.#source.issuer)} returned temporary keys that had already expired, at ${keys.expiresAt.toISOString()} (the time here is ${now.toISOString()}). Check this machine's clock, then the service.`,
      );
    }
    return keys;
  }

  get #cache(): TokenCache<TemporaryKeys> {
    return this.#options.cache ?? temporaryKeyCache;
  }

  #now(): Date {
    return (this.#options.clock ?? (() => new Date()))();
  }
}

function signingKeys(keys: TemporaryKeys) {
  return { accessKey: keys.accessKey, secretKey: keys.secretKey, securityToken: keys.securityToken };
}

function capitalized(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
