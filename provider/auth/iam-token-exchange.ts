import { type Dispatcher, request } from "undici";
import { z } from "zod";
import { HEADER_SUBJECT_TOKEN } from "../constants";
import { ScmCredentialsError, ScmResponseError } from "../errors";
import { BodyReadError, readBody } from "../http/read-body";

/** Who asks IAM for a token, and for which scope. */
export interface PasswordIdentity {
  readonly userName: string;
  readonly password: string;
  readonly domainName: string;
  /** IAM endpoint, conventionally ending in `/v3`. */
  readonly authUrl: string;
  /** `{ project }` scopes the token to a region's project; `{ domain }` to the whole account. */
  readonly scope: { readonly project: string } | { readonly domain: true };
}

/** A token IAM issued, and when it stops working. */
export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** Options of {@link exchangePasswordForToken}. */
export interface IamRequestOptions {
  /** The dispatcher to send through (TLS settings, proxies, tests). @default undici's global dispatcher */
  readonly dispatcher?: Dispatcher | undefined;
  /** Most milliseconds to wait for IAM's headers, and again for its body. @default 30000 */
  readonly timeoutMs?: number | undefined;
}

/** IAM's token answers carry a user, roles and projects: far less than this. */
const MAX_IAM_RESPONSE_BYTES = 1024 * 1024;

const tokenBodySchema = z.looseObject({
  token: z.looseObject({
    expires_at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), { error: "is not a time" }),
  }),
});

const iamErrorSchema = z.looseObject({
  error: z.looseObject({ message: z.string().optional(), title: z.string().optional() }),
});

/**
 * The URL of IAM's `POST /v3/auth/tokens` for an auth URL: `…/v3` gains `/auth/tokens`, a bare
 * host gains `/v3/auth/tokens`. `nocatalog` keeps the answer small: the service catalog is not needed.
 */
export function iamTokensUrl(authUrl: string): string {
  const base = authUrl.replace(/\/+$/, "");
  return `${base.endsWith("/v3") ? base : `${base}/v3`}/auth/tokens?nocatalog=true`;
}

/**
 * Exchanges an IAM user's password for a token at IAM. Throws {@link ScmCredentialsError} when
 * IAM refuses the password or cannot be reached; no message or cause holds the password or the token.
 */
export async function exchangePasswordForToken(
  identity: PasswordIdentity,
  options: IamRequestOptions = {},
): Promise<IssuedToken> {
  const url = iamTokensUrl(identity.authUrl);
  const who = `user "${identity.userName}" of account "${identity.domainName}"`;
  const scope =
    "project" in identity.scope
      ? { project: { name: identity.scope.project } }
      : { domain: { name: identity.domainName } };
  const body = JSON.stringify({
    auth: {
      identity: {
        methods: ["password"],
        password: {
          user: {
            name: identity.userName,
            password: identity.password,
            domain: { name: identity.domainName },
          },
        },
      },
      scope,
    },
  });
  const timeout = options.timeoutMs ?? 30_000;

  let response: Dispatcher.ResponseData;
  let text: string;
  try {
    response = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    text = await readBody(response, MAX_IAM_RESPONSE_BYTES);
  } catch (error) {
    const reason =
      error instanceof BodyReadError
        ? error.message
        : ((error as { code?: string }).code ?? "connection failed");
    throw new ScmCredentialsError(
      `Could not exchange the password of ${who} for a token: IAM at ${identity.authUrl} could not be reached (${reason}). Check huaweicloud:authUrl / HW_AUTH_URL and the network.`,
      { cause: error },
    );
  }

  if (response.statusCode !== 201 && response.statusCode !== 200) {
    const detail = iamErrorSchema.safeParse(safeJson(text)).data?.error;
    // IAM's message is its own wording; it is cut short and never allowed to echo the password.
    const said = redact(
      [detail?.title, detail?.message].filter(Boolean).join(": ").slice(0, 200),
      identity.password,
    );
    const hint =
      response.statusCode === 401
        ? "Check huaweicloud:userName / HW_USER_NAME, huaweicloud:password / HW_USER_PASSWORD and huaweicloud:domainName / HW_DOMAIN_NAME."
        : "Check the user's permissions and the auth URL.";
    throw new ScmCredentialsError(
      `IAM at ${identity.authUrl} refused the password of ${who}: ${response.statusCode}${said ? ` ${said}` : ""}. ${hint}`,
    );
  }

  const token = firstHeader(response.headers[HEADER_SUBJECT_TOKEN.toLowerCase()]);
  const parsed = tokenBodySchema.safeParse(safeJson(text));
  if (!token || !parsed.success) {
    const issues = parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ScmResponseError(
      `IAM at ${identity.authUrl} answered ${response.statusCode} without a usable token for ${who}${token ? "" : ` (no ${HEADER_SUBJECT_TOKEN} header)`}.`,
      { status: response.statusCode, issues },
    );
  }
  return { token, expiresAt: new Date(parsed.data.token.expires_at) };
}

function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join("***") : text;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) || undefined;
}
