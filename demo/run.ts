/**
 * `npm run demo`: exports a certificate from a local SCM emulator through this package, the way
 * `pulumi up` does it. With a Pulumi CLI on the PATH it runs the quick-start project itself; without
 * one it makes the engine's calls to Pulumi's dynamic-provider host. No Huawei Cloud account needed.
 */

import { startScmEmulator } from "../emulator";
import { step } from "./progress";
import { runWithProviderHost } from "./provider-host-run";
import { findPulumiCli, runWithPulumiCli } from "./pulumi-cli-run";

const DOMAIN = "shop.example.com";

async function main(): Promise<void> {
  const started = performance.now();
  console.log("pulumi-huaweicloud-scm demo: a certificate exported from SCM, on a local emulator\n");
  const scm = await step(
    "emulator",
    () => startScmEmulator(),
    (s) =>
      `SCM emulator on ${s.url} holding ${[...s.certificates.values()].map((c) => `${c.domain} (${c.keyType.toUpperCase()})`).join(", ")}`,
  );
  try {
    const pulumi = findPulumiCli();
    if (pulumi) await runWithPulumiCli(pulumi, scm, DOMAIN);
    else await runWithProviderHost(scm, DOMAIN);
  } finally {
    await scm.stop();
  }
  console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

main().then(
  // Keep-alive sockets of the emulator's clients must not hold the process open.
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\nThe demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
