import type { ScmEmulator } from "../emulator";
import { createPackedProgram } from "../harness/packed-program";
import { ProviderHost, urnOf } from "../harness/provider-host";
import { runProgram } from "../harness/run-program";
import { outputTable } from "./output-table";
import { step } from "./progress";

/**
 * Without a Pulumi CLI: installs the package from its tarball (or uses the folder a run before
 * installed from a tarball of the same bytes), runs a program that declares the
 * resource (under mocks, which yields the serialized provider `pulumi up` would store), then
 * starts Pulumi's own dynamic-provider host and makes the engine's calls to it, in the engine's
 * order: `pulumi up` (configure, check, create), `pulumi refresh` (read), `pulumi destroy` (delete).
 */
export async function runWithProviderHost(scm: ScmEmulator, domain: string): Promise<void> {
  const env = { HW_SCM_ENDPOINT: scm.url, HW_AUTH_TOKEN: scm.token };
  const args = { domain };
  const program = await step(
    "install",
    () => createPackedProgram({ reuse: true }),
    (p) =>
      p.reused
        ? `npm pack: the same tarball as last time, so ${p.dir} is used again`
        : `npm pack, then npm install of the tarball into ${p.dir}`,
  );
  try {
    const registration = await step(
      "program",
      async () => {
        const { registrations } = await runProgram(program.dir, [{ name: "shop", args }], env);
        const found = registrations.find((r) => r.name === "shop");
        if (!found) throw new Error("the program registered no ScmExportedCertificate");
        return found;
      },
      (r) =>
        `new ScmExportedCertificate("shop", ${JSON.stringify(args)}): provider serialized in ${Buffer.byteLength(String(r.inputs.__provider))} bytes`,
    );
    const inputs = { __provider: registration.inputs.__provider, ...args };
    const urn = urnOf("shop");

    const host = await step(
      "host",
      () => ProviderHost.start(program.dir, env),
      (h) => `Pulumi's dynamic-provider host started (pid ${h.pid})`,
    );
    try {
      console.log("\n  pulumi up");
      await step(
        "configure",
        () => host.configure({ "scm-quickstart:domain": domain }),
        () => "stack config handed over",
      );
      const checked = await step(
        "check",
        () => host.check(urn, {}, inputs),
        (c) => (c.failures.length === 0 ? "inputs valid" : "inputs invalid"),
      );
      if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
      const created = await step(
        "create",
        () => host.create(urn, checked.inputs),
        (c) => `exported ${c.outputs.certificateId} for ${domain}, id ${c.id}`,
      );

      console.log("\n  pulumi refresh");
      const refreshed = await step(
        "read",
        () => host.read(urn, created.id, created.outputs),
        (r) =>
          r.outputs.fingerprintSha256 === created.outputs.fingerprintSha256
            ? "unchanged in SCM"
            : "changed in SCM",
      );

      console.log("\n  pulumi destroy");
      await step(
        "delete",
        () => host.delete(urn, created.id, refreshed.outputs),
        () => "forgotten; nothing to delete in SCM",
      );

      console.log(`\nOutputs of ScmExportedCertificate "shop" (id ${created.id}):`);
      console.log(outputTable(refreshed.outputs, registration.additionalSecretOutputs));
    } finally {
      await host.stop();
    }
  } finally {
    program.remove();
  }
}
