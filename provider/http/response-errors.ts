import { withoutControlCharacters } from "../control-characters";
import {
  requestIdSuffix,
  ScmApiError,
  ScmError,
  ScmNetworkError,
  ScmResponseError,
  ScmTimeoutError,
} from "../errors";
import { errorBodySchema } from "../schemas";
import { bodyExcerpt } from "./body-excerpt";

/** The parsed JSON of a body, or `undefined` when it is not JSON. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The first value of a header that may repeat. */
export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Parses a 2xx body; a body that is not JSON is an error that quotes nothing (it may hold a key). */
export function parseJson(
  text: string,
  status: number,
  operation: string,
  requestId: string | undefined,
): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ScmResponseError(
      `SCM ${operation} returned status ${status} with a body that is not JSON (${text.length} characters)${requestIdSuffix(requestId)}`,
      { status, requestId },
    );
  }
}

/** A run of token characters this long is no word of SCM's: an echoed token, perhaps. */
const TOKEN_LIKE_RUN = /[A-Za-z0-9+/=_.-]{64,}/g;

/**
 * SCM's own words made safe to show: control characters become spaces, every given secret is
 * blanked out, and long token-like runs are cut, in case SCM or its gateway echoes a credential.
 */
export function scmErrorWords(text: string, secrets: readonly (string | undefined)[]): string {
  let said = withoutControlCharacters(text);
  for (const secret of secrets) if (secret) said = said.split(secret).join("***");
  return said.replace(TOKEN_LIKE_RUN, "[…]").trim();
}

/** The error for a non-2xx answer: SCM's code and message when the body has them, a safe excerpt otherwise. */
export function apiError(
  text: string,
  status: number,
  requestId: string | undefined,
  call: { operation: string; certificateId?: string | undefined },
  secrets: readonly (string | undefined)[] = [],
): ScmApiError {
  const body = errorBodySchema.safeParse(safeJson(text));
  const errorMessage = body.success
    ? scmErrorWords(body.data.error_msg, secrets)
    : text.trim() === ""
      ? "(empty body)"
      : `unexpected body: ${scmErrorWords(bodyExcerpt(text), secrets)}`;
  return new ScmApiError({
    operation: call.operation,
    status,
    errorCode: body.success ? scmErrorWords(body.data.error_code, secrets) : undefined,
    errorMessage,
    requestId,
    certificateId: call.certificateId,
  });
}

const TIMEOUT_CODES = new Set([
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "SCM_ATTEMPT_DEADLINE",
]);
/** The codes of a failed TLS verification (`SELF_SIGNED_CERT_IN_CHAIN`, `CERT_HAS_EXPIRED`, …). */
export const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** Maps what undici threw to this package's errors; an abort keeps the caller's reason. */
export function transportError(
  error: unknown,
  operation: string,
  endpoint: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): unknown {
  if (signal?.aborted) return signal.reason ?? error;
  if (error instanceof ScmError) return error;
  const code = (error as { code?: string }).code ?? "";
  if (TIMEOUT_CODES.has(code)) {
    return new ScmTimeoutError(
      `SCM ${operation} timed out: no answer from ${endpoint} within ${timeoutMs} ms on any attempt`,
      { cause: error },
    );
  }
  if (TLS_CODE.test(code)) {
    return new ScmNetworkError(
      `SCM ${operation} failed: TLS verification of ${endpoint} failed (${code}). Trust the CA with caCertificate or NODE_EXTRA_CA_CERTS`,
      { cause: error },
    );
  }
  const detail = error instanceof Error ? `${code ? `${code} ` : ""}${error.message}` : String(error);
  // undici names the proxy's answer, never its URL (which may hold a password): say where it came from.
  const proxyHint = /^Proxy response/.test((error as Error)?.message ?? "")
    ? ". The proxy refused: check HTTPS_PROXY / HTTP_PROXY, its credentials, and NO_PROXY"
    : "";
  return new ScmNetworkError(`SCM ${operation} failed: cannot reach ${endpoint}: ${detail}${proxyHint}`, {
    cause: error,
  });
}
