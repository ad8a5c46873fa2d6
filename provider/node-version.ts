/**
 * The oldest Node.js the package runs on: undici 8 needs 22.19, and `tls.getCACertificates`
 * (the system's CAs beside Node's bundle) came in 22.15. On an older Node, importing undici
 * fails deep inside it; this says why instead.
 */
export const MINIMUM_NODE_VERSION = "22.19.0";

/** Whether `version` (such as `20.20.2` or `v22.19.0`) is at least {@link MINIMUM_NODE_VERSION}. */
export function isSupportedNode(version: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, "").split(".").map(Number);
  const [minMajor = 0, minMinor = 0, minPatch = 0] = MINIMUM_NODE_VERSION.split(".").map(Number);
  if (major !== minMajor) return major > minMajor;
  if (minor !== minMinor) return minor > minMinor;
  return patch >= minPatch;
}

if (!isSupportedNode(process.versions.node)) {
  throw new Error(
    `pulumi-huaweicloud-scm needs Node.js ${MINIMUM_NODE_VERSION} or later; this is ${process.versions.node}. Upgrade Node.js (the Pulumi program and its provider host run on the same Node).`,
  );
}
