/**
 * Credentials for SCM, one of the kinds Huawei Cloud's Terraform provider accepts, in its order
 * of preference: a token, an access key pair, a user name and password.
 */
export type ScmCredentials = TokenCredentials | AccessKeyCredentials | PasswordCredentials;

/** The credentials {@link resolveScmSettings} found. */
export type ResolvedCredentials = ScmCredentials;

/** An IAM token, sent as `X-Auth-Token`. It lives 24 hours. */
export interface TokenCredentials {
  readonly kind: "token";
  readonly token: string;
}

/** An access key pair (AK/SK), optionally temporary; every request is signed with `SDK-HMAC-SHA256`. */
export interface AccessKeyCredentials {
  readonly kind: "access-key";
  readonly accessKey: string;
  readonly secretKey: string;
  /** Security token of a temporary access key pair. */
  readonly securityToken?: string | undefined;
  /**
   * Account (domain) id, sent as `X-Domain-Id`, which SCM (a global service) takes with signed
   * requests. When absent, it is looked up at `authUrl` before the first request.
   */
  readonly domainId?: string | undefined;
  /** IAM endpoint where the account id is looked up (`GET /v3/auth/domains`) when `domainId` is absent. */
  readonly authUrl?: string | undefined;
}

/** An IAM user's password, exchanged at IAM for a token that is cached in the process. */
export interface PasswordCredentials {
  readonly kind: "password";
  readonly userName: string;
  readonly password: string;
  /** Account (domain) name the user belongs to. */
  readonly domainName: string;
  /** IAM endpoint, conventionally ending in `/v3`, e.g. `https://iam.ap-southeast-1.myhuaweicloud.com/v3`. */
  readonly authUrl: string;
  /** Region whose project the token is scoped to, e.g. `ap-southeast-1`. */
  readonly region: string;
}
