import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedAccessKey, type ScmEmulator, startScmEmulator } from "../../emulator";
import { goCommand } from "../../harness/go-toolchain";
import { closeConnectionPools } from "../../provider/http/connection-pool";
import { SCM_INCORRECT_CERTIFICATE_ID } from "../../provider/huawei-codes";
import { ScmClient } from "../../provider/scm/scm-client";

/**
 * Huawei Cloud's own Go SDK (test/go-sdk-oracle, pinned in its go.mod) against the emulator: list,
 * show, export and a 404, with each kind of credentials the SDK's SCM client takes. The SDK signs
 * its own way (never `host`), so the emulator must accept what the real gateway accepts; and its
 * models name every field of SCM's answers, so this client's reading of them is compared field by
 * field. The program is built with the machine's Go, in Go's own caches.
 */

const ORACLE_DIR = resolve(__dirname, "../go-sdk-oracle");
const GO = goCommand() ?? "go";
const MISSING_ID = "scs0000000000000";

const permanent: EmulatedAccessKey = {
  accessKey: "ORACLEPERMANENTKEY01",
  secretKey: "oracle-permanent-secret-0123456789abcdefgh",
};
const temporary: EmulatedAccessKey = {
  accessKey: "ORACLETEMPORARYKEY01",
  secretKey: "oracle-temporary-secret-0123456789abcdefgh",
  securityToken: "oracle-security-token-".repeat(6),
};

type Json = Record<string, unknown>;
interface OracleRun {
  credentials: string;
  list?: { certificates: Json[]; total_count: number };
  show?: Json;
  export?: Json;
  missing?: { status: number; errorCode: string };
  error?: string;
}

/**
 * Fields of the SDK's models this client does not read, and why. Everything else the SDK names is
 * compared with what this client returns.
 */
const NOT_READ: Readonly<Record<string, string>> = {
  deploy_support: "not used to pick or export a certificate",
  domain_type: "the domains are read from domain and sans",
  validity_period: "validity is read from the certificate itself",
  domain_count: "the domains are read from domain and sans",
  wildcard_count: "the domains are read from domain and sans",
  description: "free text, not used",
  domain_id: "the account is known from the credentials",
};

/** SCM's "2027-11-30 09:30:23.0", read as UTC as this client reads it. */
function scmTime(value: unknown): number {
  return Date.parse(
    `${String(value)
      .replace(" ", "T")
      .replace(/\.\d+$/, "")}Z`,
  );
}

/** SCM's comma-separated `sans`, as this client splits it. */
function sansList(value: unknown): string[] {
  return String(value ?? "")
    .split(/[,;\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

let emulator: ScmEmulator;
let certificateId: string;
let runs: OracleRun[];
let client: ScmClient;
let buildDir: string;

beforeAll(async () => {
  emulator = await startScmEmulator({
    accessKeys: [permanent, temporary],
    certificates: [
      { keyType: "rsa", domain: "shop.example.com", sans: ["shop.example.com", "www.example.com"] },
      { keyType: "ec", domain: "api.example.com" },
    ],
  });
  certificateId = [...emulator.certificates.keys()][0] as string;
  buildDir = mkdtempSync(join(tmpdir(), "scm-go-oracle-"));
  const binary = join(buildDir, "scm-go-sdk-oracle");
  // Go's module and build caches make every build after the first take about a second.
  await promisify(execFile)(GO, ["build", "-o", binary, "."], { cwd: ORACLE_DIR, timeout: 540_000 });
  const { stdout } = await promisify(execFile)(binary, {
    timeout: 60_000,
    env: {
      ...process.env,
      SCM_ENDPOINT: emulator.url,
      IAM_ENDPOINT: emulator.url,
      ACCESS_KEY: permanent.accessKey,
      SECRET_KEY: permanent.secretKey,
      TEMP_ACCESS_KEY: temporary.accessKey,
      TEMP_SECRET_KEY: temporary.secretKey,
      SECURITY_TOKEN: temporary.securityToken,
      DOMAIN_ID: emulator.domainId,
      PROJECT_ID: emulator.projectId,
      CERTIFICATE_ID: certificateId,
      MISSING_ID,
    },
  });
  runs = JSON.parse(stdout) as OracleRun[];
  client = new ScmClient({
    endpoint: emulator.url,
    credentials: { kind: "access-key", ...permanent, domainId: emulator.domainId },
  });
}, 600_000);

afterAll(async () => {
  await closeConnectionPools();
  await emulator?.stop();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

it("ran every kind of credentials the SDK's SCM client takes", () => {
  expect(runs.map((run) => run.credentials)).toEqual([
    "global, account id given",
    "global, account id looked up at IAM",
    "global, temporary key with security token",
    "basic, project id given",
  ]);
  const summary = runs.map((run) => ({
    credentials: run.credentials,
    error: run.error ?? null,
    listed: run.list?.certificates.map((c) => c.id),
    total: run.list?.total_count,
    shown: run.show ? { id: run.show.id, status: run.show.status, domain: run.show.domain } : undefined,
    exported: run.export
      ? Object.fromEntries(Object.entries(run.export).map(([k, v]) => [k, `${String(v).length} characters`]))
      : undefined,
    missing: run.missing,
  }));
  // What the SDK got, without any key material: quoted in docs/development.md's account of this oracle.
  console.log(`Huawei's Go SDK against the emulator:\n${JSON.stringify(summary, null, 2)}`);
});

describe.each([0, 1, 2, 3])("credentials %i", (index) => {
  const run = () => runs[index] as OracleRun;

  it("list, show, export and SCM's error answer all parse", () => {
    expect(run().error).toBeUndefined();
    expect(run().list?.certificates.length).toBe(emulator.certificates.size);
    expect(run().show?.id).toBe(certificateId);
    expect(run().export?.private_key).toBe(emulator.certificates.get(certificateId)?.privateKey);
    expect(run().missing).toEqual({ status: 400, errorCode: SCM_INCORRECT_CERTIFICATE_ID });
  });

  it("the listing agrees with this client's on every field the SDK names", async () => {
    const ours = await client.listCertificates();
    expect(ours.total).toBe(run().list?.total_count);
    for (const theirs of run().list?.certificates ?? []) {
      const mine = ours.certificates.find((c) => c.id === theirs.id);
      expect(mine, String(theirs.id)).toBeDefined();
      if (!mine) continue;
      const compared: Record<string, [unknown, unknown]> = {
        id: [mine.id, theirs.id],
        name: [mine.name, theirs.name],
        domain: [mine.domain, String(theirs.domain).toLowerCase()],
        sans: [mine.sans, sansList(theirs.sans)],
        signature_algorithm: [mine.signatureAlgorithm, theirs.signature_algorithm],
        type: [mine.type, theirs.type],
        brand: [mine.brand, theirs.brand],
        expire_time: [mine.expireTime?.getTime(), scmTime(theirs.expire_time)],
        status: [mine.status, theirs.status],
        enterprise_project_id: [mine.enterpriseProjectId, theirs.enterprise_project_id],
      };
      for (const [field, [left, right]] of Object.entries(compared)) expect(left, field).toEqual(right);
      for (const field of Object.keys(theirs))
        expect(field in compared || field in NOT_READ, field).toBe(true);
    }
  });

  it("the details agree with this client's on every field the SDK names", async () => {
    const theirs = run().show as Json;
    const mine = (await client.showCertificate(certificateId)) as unknown as Json;
    const renamed: Record<string, [unknown, unknown]> = {
      domain: [mine.domain, String(theirs.domain).toLowerCase()],
      sans: [mine.sans, sansList(theirs.sans)],
      signature_algorithm: [mine.signatureAlgorithm, theirs.signature_algorithm],
      enterprise_project_id: [mine.enterpriseProjectId, theirs.enterprise_project_id],
      issue_time: [(mine.issueTime as Date | undefined)?.getTime(), scmTime(theirs.issue_time)],
      not_before: [(mine.notBefore as Date | undefined)?.getTime(), scmTime(theirs.not_before)],
      not_after: [(mine.notAfter as Date | undefined)?.getTime(), scmTime(theirs.not_after)],
    };
    for (const [field, value] of Object.entries(theirs)) {
      const [left, right] = renamed[field] ?? [mine[field], value];
      expect(left, field).toEqual(right);
    }
  });

  it("the export agrees with this client's on every field, byte for byte", async () => {
    const theirs = run().export as Json;
    const mine = await client.exportCertificate(certificateId);
    const fields: Record<string, unknown> = {
      entire_certificate: mine.entireCertificate,
      certificate: mine.certificate,
      certificate_chain: mine.certificateChain,
      private_key: mine.privateKey,
      enc_certificate: mine.encCertificate,
      enc_private_key: mine.encPrivateKey,
    };
    for (const [field, value] of Object.entries(theirs)) expect(fields[field], field).toBe(value);
    expect(Object.keys(theirs).sort()).toEqual(
      Object.keys(fields)
        .filter((f) => fields[f] !== undefined)
        .sort(),
    );
  });
});

it("the emulator saw the SDK's signatures without host, and still refuses a bad one", async () => {
  const signed = emulator.requests.filter((r) => r.headers.authorization?.startsWith("SDK-HMAC-SHA256"));
  const sdk = signed.filter((r) => /SignedHeaders=[^,]*x-sdk-date/.test(r.headers.authorization ?? ""));
  expect(sdk.some((r) => !/SignedHeaders=[^,]*\bhost\b/.test(r.headers.authorization ?? ""))).toBe(true);
  expect(emulator.requests.some((r) => r.path === "/v3/auth/domains" && r.status === 200)).toBe(true);
  const wrong = new ScmClient({
    endpoint: emulator.url,
    maxRetries: 0,
    credentials: { kind: "access-key", ...permanent, secretKey: "wrong", domainId: emulator.domainId },
  });
  await expect(wrong.listCertificates()).rejects.toThrow(/401 APIGW\.0301/);
});
