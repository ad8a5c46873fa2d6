import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { onPath } from "./pulumi-cli";

/** Where Debian's and the official archive's Go land when they are not on the PATH. */
const USUAL_GO = "/usr/local/go/bin/go";

/** The `go` command: `$GO`, else the one on the PATH, else the usual install; none when there is none. */
export function goCommand(): string | undefined {
  if (process.env.GO) return process.env.GO;
  return onPath("go") ?? (existsSync(USUAL_GO) ? USUAL_GO : undefined);
}

/** The settings that keep Go's module and build caches and its proxy when a program runs with another HOME. */
const CACHE_SETTINGS = ["GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOSUMDB", "GOFLAGS", "GOTOOLCHAIN"];

/**
 * This machine's Go settings, for a process that runs `go` with a HOME of its own (a stack's): its
 * first build of a program takes minutes, every one after it seconds, as long as the caches are
 * the same.
 */
export function goCacheEnv(go: string): Record<string, string> {
  const values = JSON.parse(execFileSync(go, ["env", "-json", ...CACHE_SETTINGS], { encoding: "utf8" }));
  return Object.fromEntries(
    Object.entries(values as Record<string, string>).filter(([, value]) => value !== ""),
  );
}
