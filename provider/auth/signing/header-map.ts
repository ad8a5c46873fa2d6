import { ScmInputError } from "../../errors";

/**
 * The headers keyed by lower-case name. Two names that differ only in case are refused: which
 * of them would be signed, and which sent, would be anyone's guess.
 */
export function headerMap(headers: Readonly<Record<string, string>>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (map.has(lower)) {
      throw new ScmInputError(`The header ${lower} is given twice (names differ only in case).`, [
        { property: `headers.${name}`, reason: "duplicates another header name" },
      ]);
    }
    map.set(lower, value);
  }
  return map;
}
