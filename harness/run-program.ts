import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A resource registration as the mocks saw it, with the options a stack transformation saw. */
export interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  additionalSecretOutputs: string[];
  secretOutputs: string[];
}

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const registrations = new Map();
// What the mocked engine answers for each resource, as if the provider had created it.
const states = JSON.parse(process.env.SCM_TEST_STATES ?? "{}");
pulumi.runtime.setMocks(
  {
    newResource(args) {
      const entry = registrations.get(args.name) ?? {};
      Object.assign(entry, { type: args.type, name: args.name, inputs: args.inputs });
      registrations.set(args.name, entry);
      const state = { ...args.inputs, privateKey: "mock-key", ...(states[args.name] ?? {}) };
      return { id: args.inputs.certificateId ?? args.name, state };
    },
    call: () => ({}),
  },
  "scm-test",
  "dev",
  false,
);
// A resource transformation sees the options the resource registers with, secrets included.
const record = (args) => {
  const entry = registrations.get(args.name) ?? {};
  entry.additionalSecretOutputs = args.opts.additionalSecretOutputs ?? [];
  registrations.set(args.name, entry);
  return undefined;
};
const { ScmExportedCertificate } = require("pulumi-huaweicloud-scm");
const resources = JSON.parse(process.env.SCM_TEST_RESOURCES);
const created = resources.map((r) => [r.name, new ScmExportedCertificate(r.name, r.args, { ...r.opts, transformations: [record] })]);
let resolved = false;
Promise.all(created.map(([name, cert]) => pulumi.isSecret(cert.privateKey).then((secret) => [name, secret]))).then((secrets) => {
  for (const [name, secret] of secrets) {
    const entry = registrations.get(name) ?? {};
    entry.secretOutputs = secret ? ["privateKey"] : [];
  }
  resolved = true;
});
// Once the program has nothing left to run, every registration and every mocked answer is in.
process.once("beforeExit", () => {
  if (resolved) process.stdout.write(JSON.stringify([...registrations.values()]));
  else {
    process.stderr.write("the program ended before its resources' outputs resolved\\n");
    process.exitCode = 1;
  }
});
`;

let runs = 0;

/**
 * Runs a real Pulumi program (under `setMocks`) from the packed install and returns what it
 * registered, `__provider` included: the exact text `pulumi up` would store in the state.
 */
export async function runProgram(
  programDir: string,
  resources: { name: string; args: Record<string, unknown>; opts?: Record<string, unknown> }[],
  env: NodeJS.ProcessEnv = {},
  states: Record<string, Record<string, unknown>> = {},
): Promise<{ registrations: Registration[]; stdout: string; stderr: string }> {
  // One file per run: suites run in parallel against the same program folder.
  const file = join(programDir, `mock-program-${process.pid}-${++runs}.js`);
  writeFileSync(file, PROGRAM);
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile(
      process.execPath,
      [file],
      {
        cwd: programDir,
        env: {
          ...process.env,
          ...env,
          SCM_TEST_RESOURCES: JSON.stringify(resources),
          SCM_TEST_STATES: JSON.stringify(states),
        },
      },
      (error, out, err) =>
        error ? reject(Object.assign(error, { stderr: err })) : resolve({ stdout: out, stderr: err }),
    );
  }).finally(() => rmSync(file, { force: true })); // A program folder may be kept for reuse.
  return { registrations: JSON.parse(stdout) as Registration[], stdout, stderr };
}

/**
 * The `__provider` text a real program stores for a resource of this package, captured by running
 * the program (under mocks) from the packed install with `env` in its environment.
 */
export async function serializedProvider(programDir: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { registrations } = await runProgram(
    programDir,
    [{ name: "probe", args: { certificateId: "scs1627959834994" } }],
    env,
  );
  const text = registrations[0]?.inputs.__provider;
  if (typeof text !== "string") throw new Error("the program registered no __provider");
  return text;
}
