import { ScmInputError } from "../errors";

/** Whether a host name is this machine's loopback: `localhost`, `127.0.0.0/8` or `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Refuses `http://` to anything but loopback unless plain HTTP is allowed: a token, a password
 * and the exported private key would cross the network unencrypted. Returns the warning to give
 * when it is allowed, `undefined` when there is nothing to say.
 */
export function checkPlainHttp(
  url: string,
  what: { readonly name: string; readonly property: string },
  allowHttp: boolean,
): string | undefined {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" || isLoopbackHost(parsed.hostname)) return undefined;
  if (allowHttp) {
    return `${what.name} ${parsed.origin} is plain http://: tokens, passwords and private keys cross the network unencrypted.`;
  }
  const reason =
    "uses http:// to a host that is not loopback: use https://, or allow plain HTTP with huaweicloud:allowHttp / HW_ALLOW_HTTP (allowHttp for ScmClient)";
  throw new ScmInputError(`${what.name} ${parsed.origin} ${reason}.`, [{ property: what.property, reason }]);
}
