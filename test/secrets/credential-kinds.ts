import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { RequestLogEntry, ScmEmulator } from "../../emulator";
import {
  ECS_SECURITY_KEY_PATH,
  IAM_AUTH_DOMAINS_PATH,
  IAM_SECURITY_TOKENS_PATH,
  IAM_TOKENS_PATH,
  SCM_CERTIFICATES_PATH,
} from "../../provider/constants";

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

/** A temporary access key pair the emulator accepts, kept in the hcloud CLI's config file. */
export const PROFILE_KEYS = {
  accessKey: `PF${random(12)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "Q")}`,
  secretKey: `pf-sk-${random(30)}`,
  securityToken: `pf-st-${random(120)}`,
};
/** The hcloud CLI's config file holding {@link PROFILE_KEYS} in its current profile. */
export const PROFILE_FILE = join(mkdtempSync(join(tmpdir(), "leak-scan-hcloud-")), "config.json");
writeFileSync(
  PROFILE_FILE,
  JSON.stringify({
    current: "leak",
    profiles: [
      {
        name: "leak",
        mode: "AKSK",
        accessKeyId: PROFILE_KEYS.accessKey,
        secretAccessKey: PROFILE_KEYS.secretKey,
        securityToken: PROFILE_KEYS.securityToken,
        region: "ap-southeast-1",
      },
    ],
  }),
);
/** The agency the emulator lets credentials assume (its default, in the first user's account). */
const AGENCY = { agencyName: "scm-reader", domainName: "leak-scan-account" };

/** The requests signed with a temporary key the emulator issued, each with its security token. */
function signedWithTemporaryKeys(
  requests: readonly RequestLogEntry[],
  emulator: ScmEmulator,
  issuedFor: string,
): void {
  for (const request of scmRequests(requests)) {
    const accessKey = /Access=(\w+),/.exec(request.headers.authorization ?? "")?.[1];
    const key = emulator.temporaryKeys.find((candidate) => candidate.accessKey === accessKey);
    expect(key?.issuedFor).toBe(issuedFor);
    expect(request.headers["x-security-token"]).toBe(key?.securityToken);
    expect(request.headers["x-domain-id"]).toBe(emulator.domainId);
  }
}

/** A kind of credentials: where each setting goes, and how the emulator proves it was used. */
export interface CredentialKind {
  readonly name: "token" | "access key" | "password" | "profile file" | "agency" | "ECS metadata";
  /**
   * Settings by name: `HW_*` variable and `huaweicloud:*` key (an empty name: not read from there).
   */
  readonly settings: (emulator: ScmEmulator) => readonly [env: string, config: string, value: string][];
  /** Where the settings can come from. @default both */
  readonly sources?: readonly ("environment" | "stack config")[];
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
  {
    name: "profile file",
    settings: (emulator) => [
      ["HW_SHARED_CONFIG_FILE", "huaweicloud:sharedConfigFile", PROFILE_FILE],
      ["HW_AUTH_URL", "huaweicloud:authUrl", `${emulator.url}/v3`],
    ],
    wrong: {
      env: (emulator) => ({
        HW_SHARED_CONFIG_FILE: PROFILE_FILE,
        HW_PROFILE: "absent",
        HW_AUTH_URL: `${emulator.url}/v3`,
      }),
      message: /has no profile "absent" \(from HW_PROFILE\); it has profiles "leak"/,
    },
    authenticated: (requests) => {
      for (const request of scmRequests(requests)) {
        expect(request.headers.authorization).toMatch(
          new RegExp(`^SDK-HMAC-SHA256 Access=${PROFILE_KEYS.accessKey}, `),
        );
        expect(request.headers["x-security-token"]).toBe(PROFILE_KEYS.securityToken);
      }
    },
  },
  {
    name: "agency",
    settings: (emulator) => [
      ["HW_ACCESS_KEY", "huaweicloud:accessKey", ACCESS.accessKey],
      ["HW_SECRET_KEY", "huaweicloud:secretKey", ACCESS.secretKey],
      ["HW_SECURITY_TOKEN", "huaweicloud:securityToken", ACCESS.securityToken],
      ["HW_ASSUME_ROLE_AGENCY_NAME", "", AGENCY.agencyName],
      ["HW_ASSUME_ROLE_DOMAIN_NAME", "", AGENCY.domainName],
      ["", "huaweicloud:assumeRole", JSON.stringify(AGENCY)],
      ["HW_AUTH_URL", "huaweicloud:authUrl", `${emulator.url}/v3`],
    ],
    wrong: {
      env: (emulator) => ({
        HW_ACCESS_KEY: ACCESS.accessKey,
        HW_SECRET_KEY: `${ACCESS.secretKey}-wrong`,
        HW_SECURITY_TOKEN: ACCESS.securityToken,
        HW_ASSUME_ROLE_AGENCY_NAME: AGENCY.agencyName,
        HW_ASSUME_ROLE_DOMAIN_NAME: AGENCY.domainName,
        HW_AUTH_URL: `${emulator.url}/v3`,
      }),
      message:
        /refused to let the credentials found assume agency "scm-reader" of account "leak-scan-account": 401/,
    },
    authenticated: (requests, emulator) => {
      expect(
        requests.filter((r) => r.path === IAM_SECURITY_TOKENS_PATH && r.status === 201).length,
      ).toBeGreaterThan(0);
      signedWithTemporaryKeys(requests, emulator, `agency:${AGENCY.domainName}/${AGENCY.agencyName}`);
    },
  },
  {
    name: "ECS metadata",
    // The metadata service's address is read from the environment alone.
    sources: ["environment"],
    settings: (emulator) => [
      ["HW_METADATA_URL", "", emulator.url],
      ["HW_AUTH_URL", "huaweicloud:authUrl", `${emulator.url}/v3`],
    ],
    wrong: {
      env: () => ({ HW_METADATA_URL: "http://127.0.0.1:9" }),
      message:
        /No Huawei Cloud credentials were found[\s\S]*ECS metadata service at http:\/\/127\.0\.0\.1:9\/openstack\/latest\/securitykey: could not be reached/,
    },
    authenticated: (requests, emulator) => {
      expect(
        requests.filter((r) => r.path === ECS_SECURITY_KEY_PATH && r.status === 200).length,
      ).toBeGreaterThan(0);
      signedWithTemporaryKeys(requests, emulator, "metadata");
    },
  },
];
