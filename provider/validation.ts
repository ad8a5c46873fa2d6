import type { z } from "zod";
import { ScmInputError } from "./errors";

/** One failed input, as Pulumi's `check` reports it: the property and why. */
export interface InputFailure {
  readonly property: string;
  readonly reason: string;
}

/** Turns zod issues into failures that name the property; values are never quoted. */
export function inputFailures(error: z.ZodError, prefix: readonly PropertyKey[] = []): InputFailure[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path].map(String);
    return { property: path.join(".") || "(input)", reason: issue.message };
  });
}

/** An {@link ScmInputError} saying what was invalid, property by property. */
export function invalidInput(
  what: string,
  error: z.ZodError,
  prefix: readonly PropertyKey[] = [],
): ScmInputError {
  const failures = inputFailures(error, prefix);
  return new ScmInputError(
    `${what}: ${failures.map((f) => `${f.property} ${f.reason}`).join("; ")}`,
    failures,
  );
}

/**
 * An {@link ScmInputError} for a setting read from `source` (a config key or a variable, never a
 * value): the failures are on that place, and `message` words the reasons.
 */
export function invalidSetting(
  source: string,
  error: z.ZodError,
  message: (reasons: string) => string,
): ScmInputError {
  const failures = inputFailures(error, [source]);
  return new ScmInputError(message(failures.map((failure) => failure.reason).join("; ")), failures);
}

/** An {@link ScmInputError} for one value: `Invalid <what>: <first reason>`, on `property`. */
export function invalidValue(what: string, property: string, error: z.ZodError): ScmInputError {
  const reason = error.issues[0]?.message ?? "is invalid";
  return new ScmInputError(`Invalid ${what}: ${reason}`, [{ property, reason }]);
}

/** Where an answer broke its schema, one `path: reason` line per issue, values never quoted. */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}
