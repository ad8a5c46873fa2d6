import { sameValue } from "../resource/diff-inputs";
import { containsUnknown } from "../resource/resource-inputs";

/** How one property changes, as the engine's detailed diff names it. */
export type PropertyChange = "add" | "delete" | "update";

/** One changed property, and whether its change replaces the resource. */
export interface PropertyDiff {
  readonly change: PropertyChange;
  readonly replaces: boolean;
}

/**
 * Each input that differs between the stored inputs and the new ones (a value not known yet
 * differs), for `pulumi preview --diff` to show. `replaces` names the properties whose change
 * replaces the resource.
 */
export function propertyDiffs(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  replaces: readonly string[],
): Record<string, PropertyDiff> {
  const diffs: Record<string, PropertyDiff> = {};
  for (const key of new Set([...Object.keys(olds), ...Object.keys(news)])) {
    const [old, next] = [olds[key], news[key]];
    const had = old !== undefined && old !== null;
    const has = next !== undefined && next !== null;
    if (had && has && !containsUnknown(next) && sameValue(old, next)) continue;
    if (!had && !has) continue;
    diffs[key] = { change: !had ? "add" : !has ? "delete" : "update", replaces: replaces.includes(key) };
  }
  return diffs;
}
