import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { PACKAGE_NAME } from "../provider/plugin/plugin-config";
import { launcherScript, PLUGIN_BUNDLE, PLUGIN_EXECUTABLE } from "./plugin-launcher";
import { thirdPartyNotices } from "./third-party-notices";

const repo = resolve(__dirname, "..");

/** What a plugin build wrote. */
export interface PluginBuild {
  readonly version: string;
  /** The schema, the package's version filled in. */
  readonly schema: string;
  /** The plugin as it is installed: the folder the tarball holds. */
  readonly dir: string;
  /** `pulumi-resource-huaweicloud-scm-v<version>-linux-amd64.tar.gz`. */
  readonly tarball: string;
}

/**
 * `@pulumi/pulumi` itself is never loaded by the plugin (its diagnostics have their own engine
 * connection), so the bundle leaves it out; its gRPC stubs, under `@pulumi/pulumi/proto/`, are in.
 */
const withoutPulumiSdk: Plugin = {
  name: "without-pulumi-sdk",
  setup(context) {
    context.onResolve({ filter: /^@pulumi\/pulumi$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * Builds the provider plugin into `outDir`: the schema with the package's version, the plugin's
 * folder (its executable, the provider bundled into one file with everything it loads, the
 * schema, the notices of the bundled packages) and that folder as the tarball
 * `pulumi plugin install resource huaweicloud-scm <version> -f <tarball>` installs offline.
 */
export async function buildPlugin(outDir: string = join(repo, "dist", "plugin")): Promise<PluginBuild> {
  const { version } = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { version: string };
  const { name, ...rest } = JSON.parse(readFileSync(join(repo, "provider", "plugin", "schema.json"), "utf8"));
  const schemaText = `${JSON.stringify({ name, version, ...rest }, null, 2)}\n`;

  const dir = join(outDir, PLUGIN_EXECUTABLE);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const schema = join(outDir, "schema.json");
  writeFileSync(schema, schemaText);
  writeFileSync(join(dir, "schema.json"), schemaText);

  const { metafile } = await build({
    entryPoints: [join(repo, "provider", "plugin", "main.ts")],
    outfile: join(dir, PLUGIN_BUNDLE),
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: "none",
    metafile: true,
    plugins: [withoutPulumiSdk],
    // The dynamic provider's own engine connection resolves Pulumi's stubs at run time; the
    // plugin never makes that connection, so the call is left as it is.
    logOverride: { "require-resolve-not-external": "silent" },
    logLevel: "warning",
  });
  writeFileSync(join(dir, "THIRD-PARTY-NOTICES"), thirdPartyNotices(Object.keys(metafile.inputs), repo));
  writeFileSync(join(dir, PLUGIN_EXECUTABLE), launcherScript());
  chmodSync(join(dir, PLUGIN_EXECUTABLE), 0o755);

  const tarball = join(outDir, `pulumi-resource-${PACKAGE_NAME}-v${version}-linux-amd64.tar.gz`);
  // The same files give the same bytes: sorted, no owner, no time (gzip's own header time is 0).
  const tar = execFileSync(
    "tar",
    ["--create", "--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "-C", dir, "."],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  writeFileSync(tarball, gzipSync(tar, { level: 9 }));
  return { version, schema, dir, tarball };
}

if (require.main === module) {
  buildPlugin().then(
    ({ tarball, schema }) => {
      process.stdout.write(`${schema}\n${tarball} (${statSync(tarball).size} bytes)\n`);
    },
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
