import { z } from "zod";
import { HEADER_SUBJECT_TOKEN, IAM_TOKENS_PATH } from "../constants";
import { ScmCredentialsError, ScmResponseError } from "../errors";
import { firstHeader, safeJson } from "../http/response-errors";
import { issueLines } from "../validation";
import { type IamRequestOptions, iamErrorWords, iamUrl, sendToIam } from "./iam-request";

export type { IamRequestOptions } from "./iam-request";

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

const tokenBodySchema = z.looseObject({
  token: z.looseObject({
    expires_at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), { error: "is not a time" }),
  }),
});

/**
 * The URL of IAM's `POST /v3/auth/tokens` for an auth URL: `…/v3` gains `/auth/tokens`, a bare
 * host gains `/v3/auth/tokens`. `nocatalog` keeps the answer small: the service catalog is not needed.
 */
export function iamTokensUrl(authUrl: string): string {
  return `${iamUrl(authUrl, IAM_TOKENS_PATH)}?nocatalog=true`;
}

/**
 * Exchanges an IAM user's password for a token at IAM. Throws {@link ScmCredentialsError} when
 * IAM refuses the password or cannot be reached; no message or cause holds the password or the token.
 */
export async function exchangePasswordForToken(
  identity: PasswordIdentity,
  options: IamRequestOptions = {},
): Promise<IssuedToken> {
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
  const answer = await sendToIam(
    {
      url: iamTokensUrl(identity.authUrl),
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      purpose: `exchange the password of ${who} for a token`,
      authUrl: identity.authUrl,
    },
    options,
  );

  if (answer.status !== 201 && answer.status !== 200) {
    // IAM's message is its own wording; it is cut short and never allowed to echo the password.
    const said = iamErrorWords(answer.text, [identity.password]);
    const hint =
      answer.status === 401
        ? "Check huaweicloud:userName / HW_USER_NAME, huaweicloud:password / HW_USER_PASSWORD and huaweicloud:domainName / HW_DOMAIN_NAME."
        : "Check the user's permissions and the auth URL.";
    throw new ScmCredentialsError(
      `IAM at ${identity.authUrl} refused the password of ${who}: ${answer.status}${said ? ` ${said}` : ""}. ${hint}`,
    );
  }

  const token = firstHeader(answer.headers[HEADER_SUBJECT_TOKEN.toLowerCase()]);
  const parsed = tokenBodySchema.safeParse(safeJson(answer.text));
  if (!token || !parsed.success) {
    const issues = parsed.success ? [] : issueLines(parsed.error);
    throw new ScmResponseError(
      `IAM at ${identity.authUrl} answered ${answer.status} without a usable token for ${who}${token ? "" : ` (no ${HEADER_SUBJECT_TOKEN} header)`}.`,
      { status: answer.status, issues },
    );
  }
  return { token, expiresAt: new Date(parsed.data.token.expires_at) };
}
