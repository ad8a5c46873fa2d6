import { createPrivateKey } from "node:crypto";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { ProviderHost, urnOf } from "../../harness/provider-host";
import { runProgram, serializedProvider } from "../../harness/run-program";
import { SECRET_OUTPUTS as KEY_OUTPUTS } from "../../provider/resource/outputs";
import { settle, UNHANDLED_REJECTION } from "../support/host-harness";
import { type NamedSecret, type NamedText, named, secretFindings } from "../support/secret-scan";
import { keyMaterial } from "../x509/key-material";
import {
  ACCESS,
  CREDENTIAL_KINDS as KINDS,
  PROFILE_KEYS,
  scmRequests,
  TOKEN,
  USER,
} from "./credential-kinds";

/**
 * Each kind of credentials, from the environment and from stack config, driven end to end through
 * a real program and the dynamic-provider host: create, refresh, update, failing calls, and wrong
 * credentials. Every text a user or the state could see is kept as an artefact, then scanned for
 * every secret value: none may appear outside the secret outputs.
 */

const SECRET_OUTPUTS: ReadonlySet<string> = new Set(KEY_OUTPUTS);
/** Every call asks for every form of the key, so each password and form travels every path. */
const PFX_PASSWORD = "leak-scan-pfx-password-5c2f";
const PASSPHRASE = "leak-scan-key-passphrase-a61d";
/** Each PFX and encrypted key returned: secrets the scan looks for too. */
const derivedSecrets = new Set<string>();
/** Each kind from each of its sources keeps 13 texts; each kind's wrong credentials, 4. */
const ARTEFACTS_PER_SCENARIO = 13;
const ARTEFACTS_PER_WRONG_KIND = 4;
type Source = "environment" | "stack config";

let emulator: ScmEmulator;
let certificateId: string;
/** Every text the running test kept, with where it came from: scanned when the test ends. */
let artefacts: { readonly label: string; readonly text: string }[] = [];
/** IAM tokens the provider was issued in the running test: credentials too. */
let issuedTokens = new Set<string>();
const hosts: ProviderHost[] = [];
/** The serialized provider, for the calls with wrong credentials. */
let providerTextSeen = "";

const keep = (label: string, text: string) => artefacts.push({ label, text });
/** JSON of `value` with every value Pulumi marks secret replaced, as the state would encrypt it. */
const secretsSealed = (value: unknown) =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && v[specialSigKey] === specialSecretSig ? "[secret]" : v,
  );
const keepError = (label: string, error: unknown) =>
  keep(label, `${(error as Error).message}\n${(error as Error).stack}`);
const publicOutputs = (outputs: Record<string, unknown>) =>
  JSON.stringify(Object.fromEntries(Object.entries(outputs).filter(([key]) => !SECRET_OUTPUTS.has(key))));

beforeAll(async () => {
  emulator = await startScmEmulator({
    token: TOKEN,
    accessKeys: [ACCESS, PROFILE_KEYS],
    users: [USER],
    ecsMetadata: true,
  });
  certificateId = [...emulator.certificates.keys()][0] as string;
  providerTextSeen = await serializedProvider(inject("programDir"));
});

beforeEach(() => {
  artefacts = [];
  issuedTokens = new Set();
  derivedSecrets.clear();
});

afterAll(async () => {
  await Promise.all(hosts.map((h) => h.stop()));
  await emulator?.stop();
});

async function startHost(env: NodeJS.ProcessEnv): Promise<ProviderHost> {
  const host = await ProviderHost.start(inject("programDir"), env);
  hosts.push(host);
  return host;
}

describe.each(
  KINDS.flatMap((kind) =>
    (kind.sources ?? (["environment", "stack config"] as Source[])).map((source) => ({ kind, source })),
  ),
)("$kind.name from the $source", ({ kind, source }) => {
  const label = `${kind.name} (${source})`;

  it("runs create, refresh, update and failing calls through the host, authenticated as that kind", async () => {
    emulator.resetLog();
    const temporaryKeysBefore = emulator.temporaryKeys.length;
    const settings = kind.settings(emulator);
    const env = Object.fromEntries(
      settings.filter(([variable]) => variable !== "").map(([variable, , value]) => [variable, value]),
    );
    const config: Record<string, string> = {
      ...Object.fromEntries(settings.filter(([, key]) => key !== "").map(([, key, value]) => [key, value])),
      "huaweicloud:endpoints": JSON.stringify({ scm: emulator.url }),
    };
    // The program runs where the user's credentials are: in its environment, or in PULUMI_CONFIG.
    const program = await runProgram(
      inject("programDir"),
      [
        {
          name: "leak",
          args: { certificateId, pfxPassword: PFX_PASSWORD, privateKeyPassphrase: PASSPHRASE },
        },
      ],
      source === "environment"
        ? { ...env, HW_SCM_ENDPOINT: emulator.url }
        : { PULUMI_CONFIG: JSON.stringify(config) },
    );
    const providerText = program.registrations[0]?.inputs.__provider as string;
    expect(providerText).toBe(providerTextSeen);
    keep(`${label}: serialized provider`, providerText);
    // What the engine receives, with secret-marked values as the state holds them: encrypted.
    keep(`${label}: program inputs`, secretsSealed(program.registrations.map((r) => r.inputs)));
    keep(`${label}: program stdout`, secretsSealed(JSON.parse(program.stdout)));
    keep(`${label}: program stderr`, program.stderr);

    const host = await startHost(
      source === "environment" ? { ...env, HW_SCM_ENDPOINT: emulator.url, HW_MAX_RETRIES: "0" } : {},
    );
    await host.configure(source === "environment" ? {} : { ...config, "huaweicloud:maxRetries": "0" });
    const inputs = {
      __provider: providerText,
      certificateId,
      pfxPassword: PFX_PASSWORD,
      privateKeyPassphrase: PASSPHRASE,
    };
    const urn = urnOf(`leak-${kind.name}-${source}`);

    const created = await host.create(urn, inputs);
    const refreshed = await host.read(urn, created.id, created.outputs);
    const updated = await host.update(urn, created.id, created.outputs, { ...inputs, triggers: [label] });
    for (const [call, outputs] of [
      ["create", created.outputs],
      ["refresh", refreshed.outputs],
      ["update", updated.outputs],
    ] as const) {
      expect(outputs.privateKey).toBe(emulator.certificates.get(certificateId)?.privateKey);
      expect(outputs.pfx).toBeTypeOf("string");
      derivedSecrets.add(outputs.pfx as string);
      for (const piece of keyMaterial(outputs.encryptedPrivateKey as string)) derivedSecrets.add(piece);
      keep(`${label}: ${call} outputs without the secret ones`, publicOutputs(outputs));
    }

    const errors: unknown[] = [];
    emulator.setFault({
      kind: "status",
      status: 403,
      errorCode: "SCM.0403",
      errorMessage: "Tenant has no privilege",
    });
    const failedCreate = await settle(host.create(urn, inputs), errors);
    const failedRefresh = await settle(host.read(urn, created.id, created.outputs), errors);
    emulator.clearFaults();
    emulator.setFault({ kind: "missing-field", field: "certificate" });
    const failedUpdate = await settle(host.update(urn, created.id, created.outputs, inputs), errors);
    emulator.clearFaults();
    expect([failedCreate.ok, failedRefresh.ok, failedUpdate.ok]).toEqual([false, false, false]);
    for (const [i, error] of errors.entries()) keepError(`${label}: error ${i + 1}`, error);

    const requests = [...emulator.requests];
    // The scan must have had the secrets that exist only once the provider ran to look for.
    if (kind.name === "password")
      expect(requests.some((r) => r.headers["x-auth-token"] && r.headers["x-auth-token"] !== TOKEN)).toBe(
        true,
      );
    if (kind.name === "agency") expect(emulator.temporaryKeys.length).toBeGreaterThan(temporaryKeysBefore);
    kind.authenticated(requests, emulator);
    expect(scmRequests(requests).filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(3);
    for (const request of requests) {
      const token = request.headers["x-auth-token"];
      if (token && token !== TOKEN) issuedTokens.add(token);
    }
    await host.stop();
    expect(host.stderr).not.toMatch(UNHANDLED_REJECTION);
    keep(`${label}: host stdout`, host.stdout);
    keep(`${label}: host stderr`, host.stderr);
    keep(`${label}: host diagnostics`, host.diagnosticText);
    expect(artefacts).toHaveLength(ARTEFACTS_PER_SCENARIO);
    scanArtefacts();
  });
});

describe.each(KINDS)("wrong $name credentials", (kind) => {
  it("fail with a clear error that quotes no secret", async () => {
    emulator.resetLog();
    const host = await startHost({
      ...kind.wrong.env(emulator),
      HW_SCM_ENDPOINT: emulator.url,
      HW_MAX_RETRIES: "0",
    });
    await host.configure();
    const errors: unknown[] = [];
    const result = await settle(
      host.create(urnOf("wrong"), { __provider: providerTextSeen, certificateId }),
      errors,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(kind.wrong.message);
    keepError(`wrong ${kind.name}: error`, errors[0]);
    await host.stop();
    keep(`wrong ${kind.name}: host stdout`, host.stdout);
    keep(`wrong ${kind.name}: host stderr`, host.stderr);
    keep(`wrong ${kind.name}: host diagnostics`, host.diagnosticText);
    expect(artefacts).toHaveLength(ARTEFACTS_PER_WRONG_KIND);
    scanArtefacts();
  });
});

/**
 * Scans every text the running test kept for every secret value: the credentials of every kind,
 * the passwords, each form of every private key, and what this test derived or was issued.
 */
function scanArtefacts(): void {
  const keys = [...emulator.certificates.values()].flatMap((c) => [
    c.privateKey,
    ...keyMaterial(c.privateKey, [c.certificate, c.certificateChain]),
    ...keyMaterial(createPrivateKey(c.privateKey).export({ type: "pkcs8", format: "pem" }).toString(), [
      c.certificate,
      c.certificateChain,
    ]),
  ]);
  const secrets: NamedSecret[] = [
    ["the token", TOKEN],
    ["the secret key", ACCESS.secretKey],
    ["the security token", ACCESS.securityToken],
    ["the password", USER.password],
    ["the profile file's secret key", PROFILE_KEYS.secretKey],
    ["the profile file's security token", PROFILE_KEYS.securityToken],
    ["the PFX password", PFX_PASSWORD],
    ["the key passphrase", PASSPHRASE],
    ...named("a PFX or an encrypted key", derivedSecrets),
    ...named("an IAM-issued token", issuedTokens),
    ...emulator.temporaryKeys.flatMap((key): NamedSecret[] => [
      [`a temporary secret key (${key.issuedFor})`, key.secretKey],
      [`a temporary security token (${key.issuedFor})`, key.securityToken],
    ]),
    ...named("a private key", keys),
  ];
  expect(
    secretFindings(
      secrets,
      artefacts.map((artefact): NamedText => [artefact.label, artefact.text]),
    ),
  ).toEqual([]);
  totals.checks += artefacts.length * secrets.length;
  totals.artefacts += artefacts.length;
  totals.secrets = Math.max(totals.secrets, secrets.length);
}

/** What the scans of this file looked at, reported once they have all run. */
const totals = { artefacts: 0, secrets: 0, checks: 0 };
afterAll(() => {
  console.info(
    `leak scan: ${totals.artefacts} artefacts, up to ${totals.secrets} secret values each, ${totals.checks} checks, none found`,
  );
});

describe("the scan", () => {
  it("runs every kind from each of its sources, and each kind's wrong credentials", () => {
    const scenarios = KINDS.reduce((sum, kind) => sum + (kind.sources?.length ?? 2), 0);
    expect(scenarios).toBe(11);
  });
});
