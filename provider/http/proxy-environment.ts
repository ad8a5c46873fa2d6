import { ScmInputError } from "../errors";

/** Schemes undici's proxy agent takes: HTTP(S) proxies, and SOCKS5 (`socks:` is its alias). */
const PROXY_SCHEMES = new Set(["http:", "https:", "socks5:", "socks:"]);

/** The proxy variables curl, Go and undici read, in the forms they read them. */
export const PROXY_VARIABLES = [
  "HTTPS_PROXY",
  "https_proxy",
  "HTTP_PROXY",
  "http_proxy",
  "NO_PROXY",
  "no_proxy",
];

/** A proxy variable as undici reads it: its name and value. */
export interface ProxyVariable {
  readonly name: string;
  readonly value: string;
}

/**
 * The proxy variables undici's `EnvHttpProxyAgent` reads, as it reads them: the lower-case name
 * wins whenever it is set, even empty; HTTPS falls back to the HTTP proxy. `NO_PROXY` is not among
 * them: undici takes any list of names, so it is never refused.
 */
export function proxyVariables(env: NodeJS.ProcessEnv): { http?: ProxyVariable; https?: ProxyVariable } {
  const read = (lower: string, upper: string): ProxyVariable | undefined => {
    const name = env[lower] !== undefined ? lower : upper;
    const value = env[name];
    return value ? { name, value } : undefined;
  };
  const http = read("http_proxy", "HTTP_PROXY");
  const https = read("https_proxy", "HTTPS_PROXY") ?? http;
  return { ...(http ? { http } : {}), ...(https ? { https } : {}) };
}

/**
 * Refuses a proxy variable undici could not use (undici itself throws `Invalid URL`, naming
 * nothing), naming the variable. The value is never quoted: a proxy URL may carry a password.
 */
export function checkProxyVariables(env: NodeJS.ProcessEnv): void {
  const { http, https } = proxyVariables(env);
  for (const variable of new Set([https, http])) {
    if (variable === undefined) continue;
    const reason = malformation(variable.value);
    if (reason === undefined) continue;
    const full = `is not a proxy URL: it ${reason}. Set it as http://[user:password@]host:port`;
    throw new ScmInputError(`${variable.name} ${full}, or unset it.`, [
      { property: variable.name, reason: full },
    ]);
  }
}

function malformation(value: string): string | undefined {
  if (!URL.canParse(value)) return "cannot be parsed as a URL";
  const { protocol } = new URL(value);
  return PROXY_SCHEMES.has(protocol) ? undefined : "does not start with http://, https:// or socks5://";
}
