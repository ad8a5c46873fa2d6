import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { RequestLogEntry, ScmEmulator } from "../../emulator";
import { IAM_AUTH_DOMAINS_PATH, IAM_TOKENS_PATH, SCM_CERTIFICATES_PATH } from "../../provider/constants";

/** The credentials of the leak scan: random, distinctive values, so any copy of one is found. */

const random = (bytes: number) => randomBytes(bytes).toString("base64url");
/** The token the emulator accepts. */
export const TOKEN = `token-${random(48)}`;
/** A temporary access key pair the emulator accepts. */
export const ACCESS = {
  accessKey: `AK${random(12)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "Q")}`,
  secretKey: `sk-${random(30)}`,
  securityToken: `st-${random(120)}`,
};
/** The IAM user the emulator knows. */
export const USER = {
  domainName: "leak-scan-account",
  userName: "leak-scan-user",
  password: `pw-${random(18)}`,
};

/** A kind of credentials: where each setting goes, and how the emulator proves it was used. */
export interface CredentialKind {
  readonly name: "token" | "access key" | "password";
  /** Settings by name: `HW_*` variable and `huaweicloud:*` key. */
  readonly settings: (emulator: ScmEmulator) => readonly [env: string, config: string, value: string][];
  /** The same kind with one secret altered, and what the error then says. */
  readonly wrong: {
    readonly env: (emulator: ScmEmulator) => Record<string, string>;
    readonly message: RegExp;
  };
  /** Proves from the emulator's log that SCM requests were authenticated this way. */
  readonly authenticated: (requests: readonly RequestLogEntry[], emulator: ScmEmulator) => void;
}

/** The requests to SCM, leaving out IAM. */
export const scmRequests = (requests: readonly RequestLogEntry[]) =>
  requests.filter((r) => r.path.startsWith(SCM_CERTIFICATES_PATH));

/** Every kind of credentials, in the order the provider looks for them. */
export const CREDENTIAL_KINDS: readonly CredentialKind[] = [
  {
    name: "token",
    settings: () => [["HW_AUTH_TOKEN", "huaweicloud:token", TOKEN]],
    wrong: {
      env: () => ({ HW_AUTH_TOKEN: `${TOKEN}-wrong` }),
      message: /401 APIGW\.0301 Incorrect IAM authentication information/,
    },
    authenticated: (requests) => {
      for (const request of scmRequests(requests)) expect(request.headers["x-auth-token"]).toBe(TOKEN);
    },
  },
  {
    name: "access key",
    settings: (emulator) => [
      ["HW_ACCESS_KEY", "huaweicloud:accessKey", ACCESS.accessKey],
      ["HW_SECRET_KEY", "huaweicloud:secretKey", ACCESS.secretKey],
      ["HW_SECURITY_TOKEN", "huaweicloud:securityToken", ACCESS.securityToken],
      // No domain id: the account is looked up at IAM, signed with the same pair.
      ["HW_AUTH_URL", "huaweicloud:authUrl", `${emulator.url}/v3`],
    ],
    wrong: {
      env: (emulator) => ({
        HW_ACCESS_KEY: ACCESS.accessKey,
        HW_SECRET_KEY: `${ACCESS.secretKey}-wrong`,
        HW_SECURITY_TOKEN: ACCESS.securityToken,
        HW_AUTH_URL: `${emulator.url}/v3`,
      }),
      message: /IAM at http:\/\/127\.0\.0\.1:\d+\/v3 refused to name the account of access key AK\w+: 401/,
    },
    authenticated: (requests, emulator) => {
      expect(
        requests.filter((r) => r.path === IAM_AUTH_DOMAINS_PATH && r.status === 200).length,
      ).toBeGreaterThan(0);
      for (const request of scmRequests(requests)) {
        expect(request.headers.authorization).toMatch(
          new RegExp(`^SDK-HMAC-SHA256 Access=${ACCESS.accessKey}, SignedHeaders=`),
        );
        expect(request.headers["x-security-token"]).toBe(ACCESS.securityToken);
        expect(request.headers["x-domain-id"]).toBe(emulator.domainId);
        expect(request.headers["x-auth-token"]).toBeUndefined();
      }
    },
  },
  {
    name: "password",
    settings: (emulator) => [
      ["HW_USER_NAME", "huaweicloud:userName", USER.userName],
      ["HW_USER_PASSWORD", "huaweicloud:password", USER.password],
      ["HW_DOMAIN_NAME", "huaweicloud:domainName", USER.domainName],
      ["HW_AUTH_URL", "huaweicloud:authUrl", `${emulator.url}/v3`],
    ],
    wrong: {
      env: (emulator) => ({
        HW_USER_NAME: USER.userName,
        HW_USER_PASSWORD: `${USER.password}-wrong`,
        HW_DOMAIN_NAME: USER.domainName,
        HW_AUTH_URL: `${emulator.url}/v3`,
      }),
      message:
        /IAM at http:\/\/127\.0\.0\.1:\d+\/v3 refused the password of user "leak-scan-user" of account "leak-scan-account": 401/,
    },
    authenticated: (requests, emulator) => {
      expect(requests.filter((r) => r.path === IAM_TOKENS_PATH && r.status === 201).length).toBeGreaterThan(
        0,
      );
      for (const request of scmRequests(requests)) {
        // The emulator accepts its configured token or one its IAM issued: not the configured one, so IAM's.
        expect(request.headers["x-auth-token"]).toMatch(/^[A-Za-z0-9_-]{100,}$/);
        expect(request.headers["x-auth-token"]).not.toBe(emulator.token);
      }
    },
  },
];
