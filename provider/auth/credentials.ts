/**
 * Credentials for SCM, one of the kinds Huawei Cloud's Terraform provider accepts, in its order
 * of preference: a token, an access key pair, a user name and password.
 */
export type ScmCredentials =
  | TokenCredentials
  | AccessKeyCredentials
  | PasswordCredentials
  | EcsMetadataCredentials
  | AssumedRoleCredentials;

/** Credentials an agency can be assumed with: every kind but an agency itself. */
export type BaseCredentials = Exclude<ScmCredentials, AssumedRoleCredentials>;

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

/**
 * The ECS metadata service of the server this runs on: temporary keys of the agency attached to
 * the server (or CCE node), fetched when first needed and renewed before they expire.
 */
export interface EcsMetadataCredentials {
  readonly kind: "ecs-metadata";
  /** The service's base URL, e.g. `http://169.254.169.254`; `/openstack/latest/securitykey` is appended. */
  readonly metadataUrl: string;
  /** The account id of the server's agency, when known; otherwise looked up at `authUrl`. */
  readonly domainId?: string | undefined;
  /** IAM endpoint where the account id is looked up. */
  readonly authUrl?: string | undefined;
  /** The places looked at before, named in the error when the service does not answer. */
  readonly lookedFor?: string | undefined;
}

/**
 * An agency (or a chain of them) assumed with other credentials: IAM issues temporary keys for
 * the first agency, those keys assume the next, and the last keys sign SCM requests.
 */
export interface AssumedRoleCredentials {
  readonly kind: "assume-role";
  /** The credentials that assume the first agency. */
  readonly base: BaseCredentials;
  /** The agencies, in the order they are assumed. */
  readonly agencies: readonly {
    readonly agencyName: string;
    readonly domainName: string;
    readonly durationSeconds: number;
  }[];
  /** IAM endpoint, conventionally ending in `/v3`; the security-token endpoint is beside it. */
  readonly authUrl: string;
  /** The account id of the last agency, when known; otherwise looked up at `authUrl`. */
  readonly domainId?: string | undefined;
}
