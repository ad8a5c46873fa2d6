import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScmEmulator } from "../../emulator";
import { type ProviderHost, urnOf } from "../../harness/provider-host";
import { exportPath } from "../../provider/constants";
import { type HostFixture, startHostFixture } from "../support/host-fixture";
import { type Settled, settle, UNHANDLED_REJECTION } from "../support/host-harness";
import {
  errorTexts,
  hostTexts,
  type NamedSecret,
  privateKeySecrets,
  secretFindings,
} from "../support/secret-scan";
import { FAULT_KINDS as KINDS, MAX_RETRIES, type Outcome } from "./fault-kinds";

/**
 * Every emulator fault (fault-kinds.ts) crossed with create, refresh (read with the stored
 * outputs) and update, through one dynamic-provider host. Answers past the per-attempt deadline
 * are in timeout.test.ts, with a short huaweicloud:requestTimeout.
 */

/** Outputs a successful create, refresh or update must return, none of them empty. */
const OUTPUTS = [
  "certificateId",
  "certificate",
  "certificateChain",
  "privateKey",
  "notAfter",
  "fingerprintSha256",
];

let emulator: ScmEmulator;
let host: ProviderHost;
let providerText: string;
let goodId: string;
let mismatchedId: string;
let stored: Record<string, unknown>;
const errors: unknown[] = [];
const cells: string[] = [];

const inputs = (certificateId: string, extra: Record<string, unknown> = {}) => ({
  __provider: providerText,
  certificateId,
  ...extra,
});
const storedFor = (certificateId: string) => ({ ...stored, certificateId });

type Operation = "create" | "refresh" | "update";
const OPERATIONS: readonly Operation[] = ["create", "refresh", "update"];

function call(
  operation: Operation,
  id: string,
  cell: number,
): Promise<{ id: string; outputs: Record<string, unknown> }> {
  const urn = urnOf(`cell-${cell}`);
  switch (operation) {
    case "create":
      return host.create(urn, inputs(id));
    case "refresh":
      return host.read(urn, id, storedFor(id));
    case "update":
      return host
        .update(urn, id, storedFor(id), inputs(id, { triggers: [cell] }))
        .then((r) => ({ id, ...r }));
  }
}

function expectOutcome(
  result: Settled<{ id: string; outputs: Record<string, unknown> }>,
  outcome: Outcome,
  id: string,
): void {
  switch (outcome.ends) {
    case "success": {
      if (!result.ok) throw result.error;
      expect(result.value.id).toBe(id);
      for (const key of OUTPUTS) expect(result.value.outputs[key], key).toBeTruthy();
      expect(result.value.outputs.certificateId).toBe(id);
      return;
    }
    case "error":
      // A failing read or update throws: the engine keeps the state as it was.
      expect(result.ok, "the call should have failed").toBe(false);
      if (!result.ok) for (const pattern of outcome.message) expect(result.error.message).toMatch(pattern);
  }
}

/** What one cell of the matrix did: checked by its own test, scanned by the checks after it. */
interface CellRun {
  readonly result: Settled<{ id: string; outputs: Record<string, unknown> }>;
  readonly warnings: string[];
  readonly exports: number;
  readonly alive: boolean;
  readonly followUp: Settled<{ id: string; outputs: Record<string, unknown> }>;
  readonly heldCertificate: string | undefined;
}

const CELLS = KINDS.map((kind, index) => ({ ...kind, index }));
const runs = new Map<string, CellRun>();
let aliveAfterAll = false;
let fixture: HostFixture;

/** Runs one cell: the fault set, the call, the host's answer, and a follow-up call that must work. */
async function runCell(kind: (typeof CELLS)[number], operation: Operation): Promise<CellRun> {
  const id = kind.target === "mismatched-key" ? mismatchedId : goodId;
  const cell = kind.index * OPERATIONS.length + OPERATIONS.indexOf(operation);
  emulator.resetLog();
  const diagnosticsBefore = host.diagnostics.length;
  if (kind.fault) emulator.setFault(kind.fault);
  const result = await settle(call(operation, id, cell), errors);
  emulator.clearFaults();
  cells.push(`${kind.name} × ${operation}`);
  const warnings = host.diagnosticsFrom(diagnosticsBefore, "warning").map((d) => d.message);
  const exports = emulator.requests.filter((r) => r.method === "POST" && r.path === exportPath(id)).length;
  const alive = host.alive;
  const followUp = await settle(host.create(urnOf(`follow-up-${cell}`), inputs(goodId)), errors);
  return {
    result,
    warnings,
    exports,
    alive,
    followUp,
    heldCertificate: emulator.certificates.get(goodId)?.certificate,
  };
}

// The whole matrix runs here, through one host, which is then stopped: every test below reads what
// its cell did, so each passes alone and in any order, and the checks after every cell see them all.
beforeAll(async () => {
  fixture = await startHostFixture({
    emulator: {
      certificates: [
        { keyType: "rsa", domain: "shop.example.com" },
        { keyType: "ec", domain: "bad-key.example.com", mismatchedKey: true },
      ],
    },
    env: { HW_MAX_RETRIES: String(MAX_RETRIES) },
  });
  ({ emulator, host, providerText } = fixture);
  [goodId, mismatchedId] = [...emulator.certificates.keys()] as [string, string];
  stored = (await host.create(urnOf("stored"), inputs(goodId))).outputs;
  for (const kind of CELLS) {
    for (const operation of OPERATIONS)
      runs.set(`${kind.name} × ${operation}`, await runCell(kind, operation));
  }
  aliveAfterAll = host.alive;
  // Once stopped, its pipes have closed: everything it printed is in.
  await host.stop();
});

afterAll(() => fixture?.stop());

describe.each(CELLS)("$name", (kind) => {
  it.each(OPERATIONS)("%s ends as designed, and the host keeps serving", (operation) => {
    const id = kind.target === "mismatched-key" ? mismatchedId : goodId;
    const run = runs.get(`${kind.name} × ${operation}`) as CellRun;
    const outcome = kind[operation];
    expectOutcome(run.result, outcome, id);
    if (outcome.ends === "success" && outcome.warning)
      expect(run.warnings).toContainEqual(expect.stringMatching(outcome.warning));
    expect(run.exports).toBe(kind.exports);

    expect(run.alive).toBe(true);
    if (!run.followUp.ok) throw run.followUp.error;
    expect(run.followUp.value.outputs.certificate).toBe(run.heldCertificate);
  });
});

describe("after every cell", () => {
  it("crossed every fault kind with create, refresh and update", () => {
    expect(KINDS.length).toBeGreaterThanOrEqual(12);
    expect(cells).toHaveLength(KINDS.length * OPERATIONS.length);
  });

  it("the host still runs and printed no unhandled rejection", () => {
    expect(aliveAfterAll).toBe(true);
    expect(host.stderr).not.toMatch(UNHANDLED_REJECTION);
  });

  it("no error and no host output holds the token or a private key", () => {
    const secrets: NamedSecret[] = [
      ["the token", emulator.token],
      ...[...emulator.certificates.values()].flatMap((c) =>
        privateKeySecrets(`the private key of ${c.id}`, c.privateKey, [c.certificate, c.certificateChain]),
      ),
    ];
    expect(errors.length).toBeGreaterThan(20);
    expect(secretFindings(secrets, [...hostTexts(host), ...errorTexts(errors)])).toEqual([]);
  });
});
