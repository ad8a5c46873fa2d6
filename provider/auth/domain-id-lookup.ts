import { createHash } from "node:crypto";
import type { Dispatcher } from "undici";
import { z } from "zod";
import { IAM_AUTH_DOMAINS_PATH } from "../constants";
import { ScmCredentialsError, ScmResponseError } from "../errors";
import { safeJson } from "../http/response-errors";
import { issueLines } from "../validation";
import { type IamRequestOptions, iamErrorWords, iamUrl, sendToIam } from "./iam-request";
import { type SigningCredentials, signRequest } from "./signing";

/** An access key pair, and the IAM it belongs to. */
export interface AccessKeyIdentity {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly securityToken?: string | undefined;
  /** IAM endpoint, conventionally ending in `/v3`. */
  readonly authUrl: string;
}

/** Options of {@link lookUpDomainId}. */
export interface DomainIdLookupOptions extends IamRequestOptions {
  /** The time the request is signed at. @default () => new Date() */
  readonly clock?: (() => Date) | undefined;
}

const accountSchema = z.looseObject({ id: z.string().min(1).max(64) });
const domainsBodySchema = z.looseObject({
  // At least one account: the first is the pair's.
  domains: z.tuple([accountSchema], accountSchema),
});

/**
 * Asks IAM which account (domain) an access key pair belongs to (`GET /v3/auth/domains`, signed
 * with the pair), as Huawei's SDKs do before calling a global service such as SCM, which takes
 * the account id as `X-Domain-Id`. Throws {@link ScmCredentialsError} when IAM refuses the pair
 * or cannot be reached; no message holds the secret key or the security token.
 */
export async function lookUpDomainId(
  identity: AccessKeyIdentity,
  options: DomainIdLookupOptions = {},
): Promise<string> {
  const url = iamUrl(identity.authUrl, IAM_AUTH_DOMAINS_PATH);
  const signing: SigningCredentials = {
    accessKey: identity.accessKey,
    secretKey: identity.secretKey,
    securityToken: identity.securityToken,
  };
  const headers = { "content-type": "application/json" };
  const signed = signRequest(
    { method: "GET", url: new URL(url), headers, body: undefined },
    signing,
    (options.clock ?? (() => new Date()))(),
  );
  const who = `access key ${identity.accessKey}`;
  const answer = await sendToIam(
    {
      url,
      method: "GET",
      headers: { ...headers, ...signed },
      purpose: `look up the account (domain) id of ${who}`,
      authUrl: identity.authUrl,
    },
    options,
  );
  const hint =
    "Set huaweicloud:domainId / HW_DOMAIN_ID to the account id (My Credentials in the console) to skip this lookup.";
  if (answer.status !== 200) {
    const said = iamErrorWords(answer.text, [identity.secretKey, identity.securityToken]);
    const check =
      answer.status === 401
        ? "Check huaweicloud:accessKey / HW_ACCESS_KEY, huaweicloud:secretKey / HW_SECRET_KEY (and huaweicloud:securityToken / HW_SECURITY_TOKEN for a temporary pair)."
        : "Check the key's IAM permissions and the auth URL.";
    throw new ScmCredentialsError(
      `IAM at ${identity.authUrl} refused to name the account of ${who}: ${answer.status}${said ? ` ${said}` : ""}. ${check} ${hint}`,
    );
  }
  const parsed = domainsBodySchema.safeParse(safeJson(answer.text));
  if (!parsed.success) {
    throw new ScmResponseError(
      `IAM at ${identity.authUrl} answered ${answer.status} without an account for ${who}. ${hint}`,
      {
        status: answer.status,
        issues: issueLines(parsed.error),
      },
    );
  }
  return parsed.data.domains[0].id;
}

/**
 * Account ids looked up so far, shared by every authorizer of the process, so that a stack of many
 * certificates asks IAM once. An id is reused only for the same auth URL, key pair (secret and
 * security token included: a wrong secret must not borrow an id the right one fetched) and
 * dispatcher (the same TLS settings). A failed lookup is forgotten, so the next call tries again.
 */
export class DomainIdCache {
  // By dispatcher, then by a digest of the identity: credentials are not kept as keys.
  #byDispatcher = new WeakMap<object, Map<string, Promise<string>>>();
  readonly #globalDispatcher = {};

  /** The id for this identity, from the cache or from `lookUp` (shared while it runs). */
  get(
    identity: AccessKeyIdentity,
    dispatcher: Dispatcher | undefined,
    lookUp: () => Promise<string>,
  ): Promise<string> {
    const scope = dispatcher ?? this.#globalDispatcher;
    let ids = this.#byDispatcher.get(scope);
    if (ids === undefined) {
      ids = new Map();
      this.#byDispatcher.set(scope, ids);
    }
    const key = createHash("sha256")
      .update(
        JSON.stringify([
          identity.authUrl.replace(/\/+$/, ""),
          identity.accessKey,
          identity.secretKey,
          identity.securityToken ?? "",
        ]),
      )
      .digest("hex");
    let id = ids.get(key);
    if (id === undefined) {
      const looking = lookUp();
      ids.set(key, looking);
      looking.catch(() => {
        if (ids.get(key) === looking) ids.delete(key);
      });
      id = looking;
    }
    return id;
  }

  clear(): void {
    this.#byDispatcher = new WeakMap();
  }
}

/** The process-wide {@link DomainIdCache}. */
export const domainIdCache = new DomainIdCache();
