import type { Dispatcher } from "undici";
import { IAM_SECURITY_TOKENS_PATH } from "../constants";
import { ScmCredentialsError, ScmResponseError } from "../errors";
import type { OutgoingRequest } from "../http/request-authorizer";
import { safeJson } from "../http/response-errors";
import { issueLines } from "../validation";
import { createAuthorizer } from "./create-authorizer";
import type { AssumedRoleCredentials, BaseCredentials } from "./credentials";
import { metadataKeySource } from "./ecs-metadata";
import { iamErrorWords, sendToIam } from "./iam-request";
import { signRequest } from "./signing";
import { TemporaryKeyAuthorizer, type TemporaryKeySource } from "./temporary-key-authorizer";
import {
  credentialBodySchema,
  type TemporaryKeys,
  temporaryKeyCacheKey,
  temporaryKeysOf,
} from "./temporary-keys";

/** An agency to assume: its name, the account it lives in, and how long its keys should last. */
export interface Agency {
  readonly agencyName: string;
  /** The account (domain) name the agency lives in. */
  readonly domainName: string;
  /** Lifetime asked of IAM, 900 to 86400 seconds. */
  readonly durationSeconds: number;
}

/** Adds the headers that authenticate one request to IAM. */
type IamCaller = (request: OutgoingRequest) => Promise<Record<string, string>>;

/** Options shared by every step of a chain. */
interface ChainOptions {
  readonly dispatcher?: Dispatcher | undefined;
  readonly clock?: (() => Date) | undefined;
  /** Most milliseconds each request to IAM or the metadata service may take. @default 30000 */
  readonly timeoutMs?: number | undefined;
}

/** IAM's security-token endpoint for an auth URL: beside `/v3`, not under it. */
export function securityTokensUrl(authUrl: string): string {
  const base = authUrl.replace(/\/+$/, "").replace(/\/v3$/, "");
  return `${base}${IAM_SECURITY_TOKENS_PATH}`;
}

/**
 * Asks IAM for temporary keys of an agency (`POST /v3.0/OS-CREDENTIAL/securitytokens`, method
 * `assume_role`), authenticated by `caller`. Throws {@link ScmCredentialsError} when IAM refuses or
 * cannot be reached; no message holds a credential.
 */
export async function assumeAgency(
  agency: Agency,
  caller: IamCaller,
  authUrl: string,
  options: {
    readonly dispatcher?: Dispatcher | undefined;
    readonly timeoutMs?: number | undefined;
    readonly secrets?: readonly string[];
  } = {},
): Promise<TemporaryKeys> {
  const url = securityTokensUrl(authUrl);
  const body = JSON.stringify({
    auth: {
      identity: {
        methods: ["assume_role"],
        assume_role: {
          agency_name: agency.agencyName,
          domain_name: agency.domainName,
          duration_seconds: agency.durationSeconds,
        },
      },
    },
  });
  const headers = { "content-type": "application/json" };
  const which = agencyWords(agency);
  const authorization = await caller({ method: "POST", url: new URL(url), headers, body });
  const answer = await sendToIam(
    {
      url,
      method: "POST",
      headers: { ...headers, ...authorization },
      body,
      purpose: `assume ${which}`,
      authUrl,
    },
    { dispatcher: options.dispatcher, timeoutMs: options.timeoutMs },
  );
  if (answer.status !== 201 && answer.status !== 200) {
    const said = iamErrorWords(answer.text, options.secrets ?? []);
    throw new ScmCredentialsError(
      `IAM at ${authUrl} refused to let the credentials found assume ${which}: ${answer.status}${said ? ` ${said}` : ""}. Check huaweicloud:assumeRole / HW_ASSUME_ROLE_AGENCY_NAME and HW_ASSUME_ROLE_DOMAIN_NAME, and that the agency trusts the account of those credentials.`,
    );
  }
  const parsed = credentialBodySchema.safeParse(safeJson(answer.text));
  if (!parsed.success) {
    throw new ScmResponseError(
      `IAM at ${authUrl} answered ${answer.status} without temporary keys for ${which}.`,
      {
        status: answer.status,
        issues: issueLines(parsed.error),
      },
    );
  }
  return temporaryKeysOf(parsed.data);
}

function agencyWords(agency: Agency): string {
  return `agency "${agency.agencyName}" of account "${agency.domainName}"`;
}

/** How the credentials found authenticate a request to IAM, and what their keys are cached by. */
function baseCaller(base: BaseCredentials, options: ChainOptions): { caller: IamCaller; cacheKey: string } {
  const clock = options.clock ?? (() => new Date());
  switch (base.kind) {
    case "access-key":
      // IAM takes no account id: the pair signs alone, with no lookup first.
      return {
        caller: async (request) => signRequest(request, base, clock()),
        cacheKey: temporaryKeyCacheKey([
          "access-key",
          base.accessKey,
          base.secretKey,
          base.securityToken ?? "",
        ]),
      };
    case "ecs-metadata": {
      const metadata = new TemporaryKeyAuthorizer(
        metadataKeySource(base.metadataUrl, { lookedFor: base.lookedFor, timeoutMs: options.timeoutMs }),
        { clock: options.clock },
      );
      return {
        caller: (request) => metadata.authorizeIam(request),
        cacheKey: temporaryKeyCacheKey(["ecs-metadata", base.metadataUrl]),
      };
    }
    case "token":
    case "password": {
      const authorizer = createAuthorizer(base, options);
      const identity =
        base.kind === "token"
          ? ["token", base.token]
          : ["password", base.authUrl, base.domainName, base.userName, base.password, base.region];
      return { caller: (request) => authorizer.authorize(request), cacheKey: temporaryKeyCacheKey(identity) };
    }
  }
}

/**
 * The authorizer for an agency, or a chain of them: the credentials found assume the first, whose
 * keys assume the next, and so on; the last one's keys sign SCM requests. Each step's keys are
 * cached by everything that produced them, and renewed before they expire.
 */
export function assumedRoleAuthorizer(
  credentials: AssumedRoleCredentials,
  options: ChainOptions = {},
): TemporaryKeyAuthorizer {
  let { caller, cacheKey } = baseCaller(credentials.base, options);
  let step: TemporaryKeyAuthorizer | undefined;
  const secrets = baseSecrets(credentials.base);
  for (const agency of credentials.agencies) {
    const previous = caller;
    const source: TemporaryKeySource = {
      kind: "assume-role",
      issuer: `IAM at ${credentials.authUrl}, assuming ${agencyWords(agency)},`,
      cacheKey: temporaryKeyCacheKey([cacheKey, credentials.authUrl, agency]),
      fetch: () =>
        assumeAgency(agency, previous, credentials.authUrl, {
          dispatcher: options.dispatcher,
          timeoutMs: options.timeoutMs,
          secrets,
        }),
    };
    step = new TemporaryKeyAuthorizer(source, {
      clock: options.clock,
      domainId: credentials.domainId,
      domainIdFrom: {
        authUrl: credentials.authUrl,
        dispatcher: options.dispatcher,
        timeoutMs: options.timeoutMs,
      },
    });
    const current = step;
    caller = (request) => current.authorizeIam(request);
    cacheKey = source.cacheKey;
  }
  if (!step) throw new ScmCredentialsError("An agency chain needs at least one agency.");
  return step;
}

function baseSecrets(base: BaseCredentials): string[] {
  switch (base.kind) {
    case "token":
      return [base.token];
    case "access-key":
      return [base.secretKey, base.securityToken ?? ""].filter(Boolean);
    case "password":
      return [base.password];
    case "ecs-metadata":
      return [];
  }
}
