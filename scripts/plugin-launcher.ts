import { MINIMUM_NODE_VERSION } from "../provider/node-version";

/** The name the engine finds a provider plugin of this package by. */
export const PLUGIN_EXECUTABLE = "pulumi-resource-huaweicloud-scm";

/** The bundled provider, beside the launcher in the plugin's folder. */
export const PLUGIN_BUNDLE = "huaweicloud-scm-provider.js";

/**
 * The plugin's executable: a POSIX shell script that starts the bundle on the `node` of the PATH
 * (the user's own), refusing one older than the package needs with a message that says so.
 */
export function launcherScript(): string {
  const [major, minor, patch] = MINIMUM_NODE_VERSION.split(".").map(Number) as [number, number, number];
  const minimum = major * 1_000_000 + minor * 1_000 + patch;
  return `#!/bin/sh
# The huaweicloud-scm Pulumi provider plugin: its bundle, run on the Node.js on the PATH.
here=$(cd "$(dirname "$0")" && pwd)
needs="${PLUGIN_EXECUTABLE} needs Node.js ${MINIMUM_NODE_VERSION} or later on the PATH"
found=$(node --version 2>/dev/null) || { echo "$needs; none was found." >&2; exit 1; }
version=\${found#v}
major=\${version%%.*}; rest=\${version#*.}
minor=\${rest%%.*}; patch=\${rest#*.}; patch=\${patch%%[!0-9]*}
if [ $((major * 1000000 + minor * 1000 + patch)) -lt ${minimum} ]; then
  echo "$needs; this one is $found." >&2
  exit 1
fi
exec node "$here/${PLUGIN_BUNDLE}" "$@"
`;
}
