import type { Dispatcher } from "undici";
import type { RequestAuthorizer } from "../http/request-authorizer";
import { AccessKeyAuthorizer } from "./access-key-authorizer";
import { assumedRoleAuthorizer } from "./assume-role";
import type { ScmCredentials } from "./credentials";
import { metadataKeySource } from "./ecs-metadata";
import { PasswordAuthorizer } from "./password-authorizer";
import { TemporaryKeyAuthorizer } from "./temporary-key-authorizer";
import { TokenAuthorizer } from "./token-authorizer";

export type { ScmCredentials } from "./credentials";

/** Options of {@link createAuthorizer}. */
export interface CreateAuthorizerOptions {
  /** The dispatcher IAM is reached through (a password exchanged, an account id looked up, an agency assumed). @default undici's global dispatcher */
  readonly dispatcher?: Dispatcher | undefined;
  /** The clock signatures and token expiry are read from. @default () => new Date() */
  readonly clock?: (() => Date) | undefined;
  /**
   * Most milliseconds each credential fetch may take (IAM, the ECS metadata service), its whole
   * answer included. @default 30000
   */
  readonly timeoutMs?: number | undefined;
}

/** The authorizer for a kind of credentials. */
export function createAuthorizer(
  credentials: ScmCredentials,
  options: CreateAuthorizerOptions = {},
): RequestAuthorizer {
  switch (credentials.kind) {
    case "token":
      return new TokenAuthorizer(credentials.token);
    case "access-key":
      return new AccessKeyAuthorizer(
        {
          accessKey: credentials.accessKey,
          secretKey: credentials.secretKey,
          securityToken: credentials.securityToken,
          domainId: credentials.domainId,
        },
        {
          clock: options.clock,
          // Without an account id, it is looked up at IAM before the first request.
          domainIdFrom:
            !credentials.domainId && credentials.authUrl
              ? { authUrl: credentials.authUrl, dispatcher: options.dispatcher, timeoutMs: options.timeoutMs }
              : undefined,
        },
      );
    case "password":
      return new PasswordAuthorizer(
        {
          userName: credentials.userName,
          password: credentials.password,
          domainName: credentials.domainName,
          authUrl: credentials.authUrl,
          scope: { project: credentials.region },
        },
        { dispatcher: options.dispatcher, clock: options.clock, timeoutMs: options.timeoutMs },
      );
    case "ecs-metadata":
      return new TemporaryKeyAuthorizer(
        metadataKeySource(credentials.metadataUrl, {
          lookedFor: credentials.lookedFor,
          timeoutMs: options.timeoutMs,
        }),
        {
          clock: options.clock,
          domainId: credentials.domainId,
          domainIdFrom: credentials.authUrl
            ? { authUrl: credentials.authUrl, dispatcher: options.dispatcher, timeoutMs: options.timeoutMs }
            : undefined,
        },
      );
    case "assume-role":
      return assumedRoleAuthorizer(credentials, options);
  }
}
