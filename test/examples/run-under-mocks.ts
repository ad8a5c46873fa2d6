/**
 * Runs a Pulumi program as `pulumi up` runs it (inside the root stack, exports as stack outputs),
 * with `setMocks` in place of the engine, and writes what it registered to a JSON file.
 *
 * Usage: tsx --tsconfig <tsconfig> run-under-mocks.ts <program> <out.json>, with the project name in
 * SCM_MOCK_PROJECT and the stack config in PULUMI_CONFIG.
 *
 * The mocks answer `ScmExportedCertificate` with the package's own provider `create`, so its state
 * is a real export from the SCM that HW_SCM_ENDPOINT names; every other resource gets its inputs
 * back. Like the engine, and unlike bare mocks, they make each `additionalSecretOutputs` secret.
 */

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { scmExportedCertificateProvider } from "../../provider/resource/scm-exported-certificate-provider";
import { isSecretInput, type MockRun, type RegisteredResource } from "./mock-run";

const SCM_TYPE = "pulumi-nodejs:dynamic:ScmExportedCertificate";

const [program, outFile] = process.argv.slice(2);
if (!program || !outFile) throw new Error("usage: run-under-mocks.ts <program> <out.json>");

const keyOf = (type: string, name: string) => `${type}::${name}`;
const secretOptions = new Map<string, readonly string[]>();
const resources: { type: string; name: string; resource: pulumi.Resource }[] = [];
const registrations = new Map<string, RegisteredResource>();

pulumi.runtime.setMocks(
  {
    async newResource(args) {
      const key = keyOf(args.type, args.name);
      registrations.set(key, { type: args.type, name: args.name, inputs: args.inputs, secretProperties: [] });
      let id = `${args.name}-id`;
      let state: Record<string, unknown> = { ...args.inputs };
      if (args.type === SCM_TYPE) {
        // The engine hands a dynamic provider plain values (it accepts no secrets), then marks
        // the outputs secret again: unwrap here as it does.
        const created = await scmExportedCertificateProvider.create(withoutSecretMarks(args.inputs));
        id = created.id;
        state = { ...created.outs };
      } else if (args.type.startsWith("aws:")) {
        state.arn = `arn:aws:mock:${args.type}:${args.name}`;
      }
      for (const name of secretOptions.get(key) ?? []) {
        if (name in state && !isSecretInput(state[name])) {
          state[name] = { [specialSigKey]: specialSecretSig, value: state[name] };
        }
      }
      return { id, state };
    },
    call: () => ({}),
  },
  process.env.SCM_MOCK_PROJECT ?? "project",
  "dev",
  false,
);

function withoutSecretMarks(inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(inputs).map(([key, value]) => [key, isSecretInput(value) ? value.value : value]),
  );
}

async function main(): Promise<void> {
  let exported: Record<string, unknown> = {};
  await pulumi.runtime.runInPulumiStack(async () => {
    pulumi.runtime.registerStackTransformation((args) => {
      const opts = args.opts as pulumi.CustomResourceOptions;
      secretOptions.set(keyOf(args.type, args.name), opts.additionalSecretOutputs ?? []);
      resources.push({ type: args.type, name: args.name, resource: args.resource });
      return undefined;
    });
    exported = require(resolve(program as string));
    return exported;
  });

  // Registrations finish after the exports resolve: wait for every resource, including late ones.
  for (let settled = 0; settled < resources.length; ) {
    const pending = resources.slice(settled);
    settled = resources.length;
    await Promise.all(pending.map(({ resource }) => new Promise((done) => resource.urn.apply(done))));
  }

  for (const { type, name, resource } of resources) {
    const entry = registrations.get(keyOf(type, name));
    if (!entry) continue;
    for (const [property, value] of Object.entries(resource)) {
      if (pulumi.Output.isInstance(value) && (await pulumi.isSecret(value)))
        entry.secretProperties.push(property);
    }
  }

  const outputs: MockRun["outputs"] = {};
  for (const [name, value] of Object.entries(exported)) {
    const output: pulumi.Output<unknown> = pulumi.output(value as pulumi.Input<unknown>);
    outputs[name] = {
      value: await new Promise((done) => output.apply(done)),
      secret: await pulumi.isSecret(output),
    };
  }
  const run: MockRun = { registrations: [...registrations.values()], outputs };
  writeFileSync(outFile as string, JSON.stringify(run));
}

main().then(
  // The SCM client's keep-alive pool would hold the process open for a while.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
