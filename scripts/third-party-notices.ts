import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The folder of the npm package a bundled file came from, e.g. `node_modules/@grpc/grpc-js`. */
function packageFolder(file: string): string | undefined {
  const at = file.lastIndexOf("node_modules/");
  if (at < 0) return undefined;
  const [scopeOrName, name] = file.slice(at + "node_modules/".length).split("/");
  return (
    file.slice(0, at) +
    (scopeOrName?.startsWith("@") ? `node_modules/${scopeOrName}/${name}` : `node_modules/${scopeOrName}`)
  );
}

/**
 * The licences of the npm packages whose files a bundle holds (`inputs`, relative to `root`), each
 * with its name, version and licence text, as their licences ask of a copy that is passed on.
 */
export function thirdPartyNotices(inputs: readonly string[], root: string): string {
  const folders = [...new Set(inputs.map(packageFolder).filter((f): f is string => f !== undefined))].sort();
  const sections = folders.map((folder) => {
    const manifest = JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8")) as {
      name: string;
      version: string;
      license?: string;
    };
    // Every licence file: a package under two licences (google-protobuf) carries one for each.
    const texts = readdirSync(join(root, folder))
      .filter((f) => /^(licen[cs]e|copying)/i.test(f))
      .sort()
      .map((f) => readFileSync(join(root, folder, f), "utf8").trim());
    return [`${manifest.name} ${manifest.version} (${manifest.license ?? "see its package"})`, ...texts]
      .filter(Boolean)
      .join("\n\n");
  });
  const own = ["LICENSE", "LICENSE.md"].map((f) => join(root, f)).find((f) => existsSync(f));
  return [
    "The provider bundle holds code of these packages, under these licences.",
    ...sections,
    ...(own ? [`pulumi-huaweicloud-scm\n\n${readFileSync(own, "utf8").trim()}`] : []),
  ]
    .join(`\n\n${"-".repeat(72)}\n\n`)
    .concat("\n");
}
