import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A folder under the system's temporary folder named `<prefix><key>`, filled by `fill` once and
 * used again by every later call with the same key. The folder appears under its name only once
 * `fill` has finished, so a run stopped half-way leaves nothing to reuse; folders of the same
 * prefix under other keys are removed when a new one is made, as nothing will ask for them again
 * (folders still being filled are left to their runs).
 */
export function reusableFolder(
  prefix: string,
  key: string,
  fill: (dir: string) => void,
  parent = tmpdir(),
): { dir: string; reused: boolean } {
  const kept = join(parent, `${prefix}${key}`);
  if (existsSync(kept)) return { dir: kept, reused: true };
  const filling = `${prefix}filling-`;
  const dir = mkdtempSync(join(parent, filling));
  try {
    fill(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  for (const stale of readdirSync(parent)) {
    if (stale.startsWith(prefix) && !stale.startsWith(filling)) {
      rmSync(join(parent, stale), { recursive: true, force: true });
    }
  }
  try {
    renameSync(dir, kept);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    // Another run filled the same key first: its folder is as good as this one.
    if (!existsSync(kept)) throw error;
  }
  return { dir: kept, reused: false };
}
