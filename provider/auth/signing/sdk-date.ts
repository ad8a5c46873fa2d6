const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * The `X-Sdk-Date` form of a time: `YYYYMMDDTHHMMSSZ` in UTC, whole seconds.
 *
 * @example formatSdkDate(new Date("2019-11-15T03:36:55Z")) // "20191115T033655Z"
 */
export function formatSdkDate(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

/** Reads an `X-Sdk-Date` value; `undefined` unless it is a real time in exactly that form. */
export function parseSdkDate(value: string): Date | undefined {
  const match = SDK_DATE.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day, hour, minute, second));
  // Date.UTC rolls 2019-02-30 over to March: such a value is not a real time.
  return formatSdkDate(date) === value ? date : undefined;
}
