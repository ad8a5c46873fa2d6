import { afterEach, beforeEach, expect, it } from "vitest";
import type { ScmEmulator } from "../../emulator";
import { type ProviderHost, urnOf } from "../../harness/provider-host";
import { exportPath } from "../../provider/constants";
import { type HostFixture, startHostFixture } from "../support/host-fixture";
import { settle, UNHANDLED_REJECTION } from "../support/host-harness";
import {
  errorTexts,
  hostTexts,
  type NamedSecret,
  privateKeySecrets,
  secretFindings,
} from "../support/secret-scan";

/**
 * The fault matrix's "past the deadline" kinds: an answer later than the per-attempt deadline, and
 * one whose body drips in slower than it. The host runs with `HW_REQUEST_TIMEOUT` (seconds) set
 * short and no retries, and the three calls of each kind run at once.
 */

const TIMEOUT_SECONDS = 2;
const TIMEOUT_MS = TIMEOUT_SECONDS * 1000;

let emulator: ScmEmulator;
let host: ProviderHost;
let providerText: string;
let id: string;
const errors: unknown[] = [];

let fixture: HostFixture;

// A host of its own for each case: the case stops it to read everything it printed.
beforeEach(async () => {
  fixture = await startHostFixture({
    env: { HW_MAX_RETRIES: "0", HW_REQUEST_TIMEOUT: String(TIMEOUT_SECONDS) },
  });
  ({ emulator, host, providerText } = fixture);
  id = [...emulator.certificates.keys()][0] as string;
});

afterEach(() => fixture?.stop());

it.each([
  ["an answer later than the deadline", { kind: "delay", ms: TIMEOUT_MS + 10_000 } as const],
  ["a body dripping in slower than the deadline", { kind: "drip", intervalMs: 20 } as const],
])(
  "%s fails create, refresh and update with a timeout error, and the host keeps serving",
  async (_, fault) => {
    const inputs = { __provider: providerText, certificateId: id };
    const stored = (await host.create(urnOf(`stored-${fault.kind}`), inputs)).outputs;
    emulator.resetLog();
    emulator.setFault(fault);
    const results = await Promise.all([
      settle(host.create(urnOf(`create-${fault.kind}`), inputs), errors),
      settle(host.read(urnOf(`refresh-${fault.kind}`), id, stored), errors),
      settle(
        host.update(urnOf(`update-${fault.kind}`), id, stored, { ...inputs, triggers: ["again"] }),
        errors,
      ),
    ]);
    emulator.clearFaults();

    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message).toMatch(
          new RegExp(
            `export of ${id} timed out: no answer from http://127\\.0\\.0\\.1:\\d+ within ${TIMEOUT_MS} ms`,
          ),
        );
      }
    }
    expect(emulator.requests.filter((r) => r.path === exportPath(id))).toHaveLength(3);

    expect(host.alive).toBe(true);
    expect((await host.create(urnOf(`follow-up-${fault.kind}`), inputs)).id).toBe(id);
    // Once stopped, its pipes have closed: everything it printed is in.
    await host.stop();
    expect(host.stderr).not.toMatch(UNHANDLED_REJECTION);
    const held = emulator.certificates.get(id);
    const key = held?.privateKey as string;
    const secrets: NamedSecret[] = [
      ["the token", emulator.token],
      ...privateKeySecrets("the private key", key, [held?.certificate ?? "", held?.certificateChain ?? ""]),
    ];
    expect(secretFindings(secrets, [...hostTexts(host), ...errorTexts(errors)])).toEqual([]);
  },
  60_000,
);
