/** Authentication to Huawei Cloud: where credentials come from, and how each kind signs a request. */

export type { OutgoingRequest, RequestAuthorizer } from "../http/request-authorizer";
export { AccessKeyAuthorizer, type AccessKeyAuthorizerOptions } from "./access-key-authorizer";
export { type CreateAuthorizerOptions, createAuthorizer } from "./create-authorizer";
export type {
  AccessKeyCredentials,
  PasswordCredentials,
  ResolvedCredentials,
  ScmCredentials,
  TokenCredentials,
} from "./credentials";
export {
  type AccessKeyIdentity,
  DomainIdCache,
  type DomainIdLookupOptions,
  domainIdCache,
  lookUpDomainId,
} from "./domain-id-lookup";
export type { IamRequestOptions } from "./iam-request";
export { exchangePasswordForToken, type IssuedToken, type PasswordIdentity } from "./iam-token-exchange";
export {
  PasswordAuthorizer,
  type PasswordAuthorizerOptions,
  TOKEN_EXPIRED_CODE,
} from "./password-authorizer";
export { DEFAULT_REGION, KNOWN_REGIONS } from "./regions";
export { type ResolvedScmSettings, resolveScmSettings, type ScmSettingsInputs } from "./resolve-settings";
export { SETTING_SOURCES } from "./setting-sources";
export { TokenAuthorizer } from "./token-authorizer";
export { iamTokenCache, TOKEN_RENEWAL_MARGIN_MS, TokenCache } from "./token-cache";
