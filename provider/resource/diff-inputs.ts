import type * as pulumi from "@pulumi/pulumi";
import { UNKNOWN_VALUE } from "../constants";
import { containsUnknown } from "./resource-inputs";

/** Settings whose change re-exports in place. */
const UPDATE_PROPERTIES = [
  "region",
  "endpoint",
  "triggers",
  "expiryWarningDays",
  "enterpriseProjectId",
] as const;

/** Structural equality of JSON values, key order ignored. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    aKeys.length === bKeys.length &&
    aKeys.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
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
  const replaces: string[] = [];
  if (wasDomain !== isDomain) {
    replaces.push(isDomain ? "domain" : "certificateId");
  } else if (isDomain) {
    if (changed(olds, news, "domain")) replaces.push("domain");
  } else if (news.certificateId === UNKNOWN_VALUE || olds.certificateId !== news.certificateId) {
    replaces.push("certificateId");
  }
  const updates = UPDATE_PROPERTIES.filter((key) => changed(olds, news, key));
  const changes = replaces.length > 0 || updates.length > 0;
  return replaces.length > 0 ? { changes, replaces, deleteBeforeReplace: false } : { changes };
}
