import { afterAll, beforeAll, expect, it } from "vitest";
import type { ScmEmulator } from "../../emulator";
import { exportPath } from "../../provider/constants";
import { type HostFixture, startHostFixture } from "../support/host-fixture";
import { settle, UNHANDLED_REJECTION } from "../support/host-harness";
import { type ProviderHost, urnOf } from "../support/provider-host";
import { keyMaterial } from "../x509/key-material";

/**
 * The fault matrix's "delay past the timeout" kind. The provider has no setting for the per-attempt
 * timeout, so the host runs with the client's 30 s default and no retries, and the three calls
 * run at once to wait for it only once.
 */

const DEFAULT_TIMEOUT_MS = 30_000;

let emulator: ScmEmulator;
let host: ProviderHost;
let providerText: string;
let id: string;
const errors: unknown[] = [];

let fixture: HostFixture;

beforeAll(async () => {
  fixture = await startHostFixture({ env: { HW_MAX_RETRIES: "0" } });
  ({ emulator, host, providerText } = fixture);
  id = [...emulator.certificates.keys()][0] as string;
});

afterAll(() => fixture?.stop());

it(
  "an answer later than the timeout fails create, refresh and update with a timeout error, and the host keeps serving",
  async () => {
    const inputs = { __provider: providerText, certificateId: id };
    const stored = (await host.create(urnOf("stored"), inputs)).outputs;
    emulator.resetLog();
    emulator.setFault({ kind: "delay", ms: DEFAULT_TIMEOUT_MS + 10_000 });
    const results = await Promise.all([
      settle(host.create(urnOf("create"), inputs), errors),
      settle(host.read(urnOf("refresh"), id, stored), errors),
      settle(host.update(urnOf("update"), id, stored, { ...inputs, triggers: ["again"] }), errors),
    ]);
    emulator.clearFaults();

    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message).toMatch(
          new RegExp(
            `export of ${id} timed out: no answer from http://127\\.0\\.0\\.1:\\d+ within ${DEFAULT_TIMEOUT_MS} ms`,
          ),
        );
      }
    }
    expect(emulator.requests.filter((r) => r.path === exportPath(id))).toHaveLength(3);

    expect(host.alive).toBe(true);
    expect((await host.create(urnOf("follow-up"), inputs)).id).toBe(id);
    await host.stop();
    expect(host.stderr).not.toMatch(UNHANDLED_REJECTION);
    const held = emulator.certificates.get(id);
    const key = held?.privateKey as string;
    for (const text of [
      host.stdout,
      host.stderr,
      host.diagnosticText,
      ...errors.map((e) => `${(e as Error).message}\n${(e as Error).stack}`),
    ]) {
      for (const secret of [
        emulator.token,
        key,
        ...keyMaterial(key, [held?.certificate ?? "", held?.certificateChain ?? ""]),
      ])
        expect(text.includes(secret)).toBe(false);
    }
  },
  DEFAULT_TIMEOUT_MS * 3,
);
