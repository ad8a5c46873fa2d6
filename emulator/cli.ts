#!/usr/bin/env node
/**
 * `pulumi-huaweicloud-scm-emulator` (in this repository, `npm run emulator`): starts an SCM
 * emulator and prints, as lines to paste into a shell, how to reach it. Stops on Ctrl+C (SIGINT)
 * or SIGTERM.
 */

import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { acceptCommands, COMMANDS_HINT } from "./terminal-commands";

const USAGE = `Usage: pulumi-huaweicloud-scm-emulator [--https] [--port N] [--delay-ms N] [--rate-limit N] [--chaos SHARE [--seed N]]
       (in a clone of the package: npm run emulator -- [options])

  --https         serve HTTPS with a CA the emulator generates (its PEM is written to a file)
  --port N        listen on 127.0.0.1:N (default: a free port)
  --delay-ms N    answer every request after N milliseconds
  --rate-limit N  allow N SCM requests per second, answer the rest with 429
  --chaos SHARE   fail this share (0 to 1) of SCM's answers: resets, 429s, 5xx, HTML pages, cut-off bodies
  --seed N        the seed of those failures (default 1)

While it runs, it reads commands on its standard input: renew <domain or certificate id>`;

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative number`);
  return parsed;
}

/** The emulator; without its optional peer dependencies, a line saying what to install. */
async function loadEmulator(): Promise<typeof import("./index.js")> {
  try {
    return await import("./index.js");
  } catch (error) {
    const missing = /Cannot find (?:module|package) '(?:@peculiar\/x509|reflect-metadata)'/.test(
      String(error),
    );
    if (!missing) throw error;
    console.error(
      "The emulator needs the optional peer dependencies of pulumi-huaweicloud-scm: npm install @peculiar/x509 reflect-metadata",
    );
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      https: { type: "boolean", default: false },
      port: { type: "string" },
      "delay-ms": { type: "string" },
      "rate-limit": { type: "string" },
      chaos: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const { startScmEmulator } = await loadEmulator();
  const scm = await startScmEmulator({
    https: values.https,
    port: numberOption(values.port, "port") ?? 0,
    delayMs: numberOption(values["delay-ms"], "delay-ms") ?? 0,
    rateLimitPerSecond: numberOption(values["rate-limit"], "rate-limit"),
    ...(values.chaos === undefined
      ? {}
      : { chaos: { share: Number(values.chaos), seed: numberOption(values.seed, "seed") ?? 1 } }),
  });

  const lines = [
    `SCM emulator listening on ${scm.url}`,
    "",
    "# SCM, and IAM at the same address (an access key's account id, a password's token):",
    `export HW_SCM_ENDPOINT=${scm.url}`,
    `export HW_AUTH_URL=${scm.url}/v3`,
    "# then a token:",
    `export HW_AUTH_TOKEN=${scm.token}`,
    "# or an access key pair (requests are signed; the account id is looked up at IAM):",
    `export HW_ACCESS_KEY=${scm.accessKey.accessKey}`,
    `export HW_SECRET_KEY=${scm.accessKey.secretKey}`,
    "# or a password:",
    `export HW_DOMAIN_NAME=${scm.user.domainName}`,
    `export HW_USER_NAME=${scm.user.userName}`,
    `export HW_USER_PASSWORD=${scm.user.password}`,
  ];
  if (scm.caCertificate) {
    const caFile = join(tmpdir(), `scm-emulator-ca-${new URL(scm.url).port}.pem`);
    writeFileSync(caFile, scm.caCertificate);
    lines.push("# trust the emulator's CA:", `export NODE_EXTRA_CA_CERTS=${caFile}`);
  }
  lines.push("", "Certificates:");
  for (const certificate of scm.certificates.values()) {
    lines.push(
      `  ${certificate.id}  ${certificate.domain}  ${certificate.status}  ${certificate.keyType.toUpperCase()}`,
    );
  }
  if (scm.chaos.enabled) {
    lines.push("", `Chaos: ${scm.chaos.share * 100} % of SCM's answers fail (seed ${scm.chaos.seed}).`);
  }
  lines.push("", COMMANDS_HINT, "Press Ctrl+C to stop.");
  console.log(lines.join("\n"));
  acceptCommands(scm, process.stdin, console.log);

  const stop = () => {
    scm.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exit(2);
});
