import { execFile } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { promisify } from "node:util";
import { goCommand } from "../harness/go-toolchain";
import { findOrBuildPulumiCli } from "../harness/pulumi-cli";
import { buildPlugin } from "./build-plugin";

const run = promisify(execFile);
const repo = resolve(__dirname, "..");

/** The languages whose SDK is made from the plugin's schema, each written to a folder of that name. */
export const SDK_LANGUAGES = ["go", "python", "dotnet"] as const;
export type SdkLanguage = (typeof SDK_LANGUAGES)[number];

/** The language hosts `pulumi package gen-sdk` runs for the Go and Python SDKs. */
export const SDK_LANGUAGE_HOSTS = ["pulumi-language-go", "pulumi-language-python"];

/**
 * Writes the SDKs of the plugin's `schema` to `<outDir>/<language>`: Go and Python with
 * `pulumi package gen-sdk` (the CLI in `cliDir`, with its language hosts), .NET with Pulumi's own
 * .NET generator through `scripts/dotnet-sdk` (its language host cannot be had here; the Go build
 * of that generator takes minutes the first time, then seconds). Nothing is downloaded but Go
 * modules.
 */
export async function buildSdks(options: {
  readonly schema: string;
  readonly outDir: string;
  readonly cliDir: string;
}): Promise<Record<SdkLanguage, string>> {
  const go = goCommand();
  if (!go) throw new Error("the .NET SDK is generated with Go, and there is no go command");
  mkdirSync(options.outDir, { recursive: true });
  const home = join(tmpdir(), `scm-sdk-pulumi-home-${process.pid}`);
  const env = {
    ...process.env,
    PATH: [options.cliDir, process.env.PATH].join(delimiter),
    PULUMI_HOME: home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  try {
    for (const language of ["go", "python"]) {
      await run(
        "pulumi",
        ["package", "gen-sdk", options.schema, "--language", language, "--out", options.outDir],
        {
          env,
        },
      );
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  await run(go, ["run", ".", options.schema, join(options.outDir, "dotnet"), repo], {
    cwd: join(repo, "scripts", "dotnet-sdk"),
    timeout: 900_000,
  });
  return Object.fromEntries(SDK_LANGUAGES.map((l) => [l, join(options.outDir, l)])) as Record<
    SdkLanguage,
    string
  >;
}

if (require.main === module) {
  (async () => {
    const { schema } = await buildPlugin();
    const cliDir = await findOrBuildPulumiCli(SDK_LANGUAGE_HOSTS);
    const sdks = await buildSdks({ schema, outDir: join(repo, "dist", "sdk"), cliDir });
    process.stdout.write(`${Object.values(sdks).join("\n")}\n`);
  })().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  });
}
