import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, expect, it } from "vitest";
import { SettingsResolver } from "../../provider/settings/settings-resolver";

// A provider process resolves each set of values once. Keys rotated in the shared config file
// (`hcloud configure set`) must be used by the next call all the same: the file is part of the
// values, known by its identity, and an unchanged file gives the result already resolved.

const dir = mkdtempSync(join(tmpdir(), "hcloud-rotation-"));
const path = join(dir, "config.json");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settingVariables = () => Object.keys(process.env).filter((name) => /^(HW|OS)_/.test(name));
const saved = Object.fromEntries(settingVariables().map((name) => [name, process.env[name]]));

beforeEach(() => {
  for (const name of settingVariables()) delete process.env[name];
  process.env.HW_SHARED_CONFIG_FILE = path;
  process.env.HW_SCM_ENDPOINT = "https://scm.example";
  process.env.HW_DOMAIN_ID = "d".repeat(32);
});

afterEach(() => {
  for (const name of settingVariables()) delete process.env[name];
  Object.assign(process.env, saved);
});

/** A profile whose keys have the same length whatever `n`: a rotation keeps the file's size. */
function writeProfile(n: number): void {
  const profile = {
    name: "default",
    mode: "AKSK",
    accessKeyId: `ROTATEDACCESSKEY000${n}`,
    secretAccessKey: `rotatedSecretKey${n}`.padEnd(40, "x"),
  };
  writeFileSync(path, JSON.stringify({ current: "default", profiles: [profile] }));
}

function accessKeyOf(resolver: SettingsResolver): unknown {
  const { credentials } = resolver.resolve({});
  return "accessKey" in credentials ? credentials.accessKey : credentials.kind;
}

it("uses keys rotated in the file on the next call, and an unchanged file's result as it was", () => {
  const resolver = new SettingsResolver();
  writeProfile(1);
  expect(accessKeyOf(resolver)).toBe("ROTATEDACCESSKEY0001");
  expect(resolver.result({})).toBe(resolver.result({}));
  writeProfile(2);
  expect(accessKeyOf(resolver)).toBe("ROTATEDACCESSKEY0002");
});
