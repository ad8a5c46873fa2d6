import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown, SETTING_INPUTS } from "./resource-inputs";

/** Structural equality of JSON values, key order ignored. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const defined = (value: object) => Object.entries(value).filter(([, v]) => v !== undefined);
  const aEntries = defined(a);
  const bValues = new Map(defined(b));
  return (
    aEntries.length === bValues.size &&
    aEntries.every(([k, v]) => bValues.has(k) && sameValue(v, bValues.get(k)))
  );
}

function changed(olds: Record<string, unknown>, news: Record<string, unknown>, key: string): boolean {
  return containsUnknown(news[key]) || !sameValue(olds[key], news[key]);
}

/**
 * Compares the stored outputs with the new inputs. A different certificate, or a switch between
 * `certificateId` and `domain`, replaces; a settings change updates in place; `__provider` and
 * everything else are not changes.
 */
export function diffInputs(
  _id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): pulumi.dynamic.DiffResult {
  const wasDomain = olds.domain !== undefined && olds.domain !== null;
  const isDomain = news.domain !== undefined && news.domain !== null;
  const target = isDomain ? "domain" : "certificateId";
  const replaces = wasDomain !== isDomain || changed(olds, news, target) ? [target] : [];
  const updates = SETTING_INPUTS.filter((key) => changed(olds, news, key));
  const changes = replaces.length > 0 || updates.length > 0;
  return replaces.length > 0 ? { changes, replaces, deleteBeforeReplace: false } : { changes };
}
