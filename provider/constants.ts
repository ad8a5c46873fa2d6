/** Names shared by the client, the signer, the emulator and the tests, so they cannot drift apart. */

export const HEADER_AUTH_TOKEN = "X-Auth-Token";
export const HEADER_SUBJECT_TOKEN = "X-Subject-Token";
export const HEADER_REQUEST_ID = "X-Request-Id";
export const HEADER_SDK_DATE = "X-Sdk-Date";
export const HEADER_SECURITY_TOKEN = "X-Security-Token";
export const HEADER_DOMAIN_ID = "X-Domain-Id";
export const HEADER_AUTHORIZATION = "Authorization";

/** The signing algorithm of Huawei Cloud's API gateway. */
export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";

/** Hex SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** SCM paths, relative to the endpoint. */
export const SCM_CERTIFICATES_PATH = "/v3/scm/certificates";
export const exportPath = (certificateId: string): string =>
  `${SCM_CERTIFICATES_PATH}/${encodeURIComponent(certificateId)}/export`;
export const certificatePath = (certificateId: string): string =>
  `${SCM_CERTIFICATES_PATH}/${encodeURIComponent(certificateId)}`;

/** IAM path that exchanges a password for a token. */
export const IAM_TOKENS_PATH = "/v3/auth/tokens";
/** IAM path that names the account (domain) of the caller's credentials. */
export const IAM_AUTH_DOMAINS_PATH = "/v3/auth/domains";

/** Most TCP connections to one endpoint at once, unless a client asks otherwise. */
export const DEFAULT_CONNECTIONS = 16;
/** How long an idle keep-alive connection is kept, in milliseconds. */
export const KEEP_ALIVE_TIMEOUT_MS = 30_000;

/** The largest response body the client reads; SCM's biggest documented answer is about 30 KiB. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
/** Largest IAM answer read: a token carries a user, roles and projects, far less than this. */
export const MAX_IAM_RESPONSE_BYTES = 1024 * 1024;

/** How the Pulumi engine spells a value that is not known yet (during a preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The resource's type token is `pulumi-nodejs:dynamic:ScmExportedCertificate`. */
export const RESOURCE_TYPE_NAME = "ScmExportedCertificate";

/** IAM path that issues temporary access keys for an agency (assume role). Not under `/v3`. */
export const IAM_SECURITY_TOKENS_PATH = "/v3.0/OS-CREDENTIAL/securitytokens";
/** The ECS metadata service's path for the temporary keys of the server's agency. */
export const ECS_SECURITY_KEY_PATH = "/openstack/latest/securitykey";
/** Where an ECS server or CCE node reaches its metadata service. */
export const DEFAULT_METADATA_URL = "http://169.254.169.254";

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;
