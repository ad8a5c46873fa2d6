/** Control characters (C0, DEL, C1): never part of a credential, nor of a message worth showing. */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]+/g;

/** Whether `text` holds a control character (a line break, an escape, a bell). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/** `text` with each run of control characters made one space, so it cannot move a terminal. */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, " ");
}
