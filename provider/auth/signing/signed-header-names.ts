import { HEADER_AUTHORIZATION } from "../../constants";
import { headerMap } from "./header-map";

/**
 * The names of the headers to sign: every header given (as Huawei's Node SDK signs every header
 * it sends) except `Authorization`, lower-case and sorted. The caller includes `host` and
 * `X-Sdk-Date` in `headers`.
 *
 * @example signedHeaderNames({ Host: "h", "X-Sdk-Date": "20191115T033655Z" }) // ["host", "x-sdk-date"]
 */
export function signedHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  const authorization = HEADER_AUTHORIZATION.toLowerCase();
  return [...headerMap(headers).keys()].filter((name) => name !== authorization).sort();
}
