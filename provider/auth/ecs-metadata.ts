import { Agent, type Dispatcher } from "undici";
import { ECS_SECURITY_KEY_PATH } from "../constants";
import { ScmCredentialsError, ScmResponseError } from "../errors";
import { DEFAULT_TIMEOUT_MS, sendBounded, UnansweredError, type WholeAnswer } from "../http/bounded-request";
import { safeJson } from "../http/response-errors";
import { issueLines } from "../validation";
import type { TemporaryKeySource } from "./temporary-key-authorizer";
import {
  credentialBodySchema,
  type TemporaryKeys,
  temporaryKeyCacheKey,
  temporaryKeysOf,
} from "./temporary-keys";

/**
 * How long a connection to the metadata service may take. On an ECS server it answers in
 * milliseconds; elsewhere 169.254.169.254 usually drops the packets, and waiting longer would
 * only delay the "no credentials" error.
 */
export const METADATA_CONNECT_TIMEOUT_MS = 1_500;
const MAX_METADATA_RESPONSE_BYTES = 64 * 1024;

// Straight to the link-local address, never through HTTP(S)_PROXY, with a short connect timeout.
let metadataAgent: Agent | undefined;
function directAgent(): Agent {
  metadataAgent ??= new Agent({
    connect: { timeout: METADATA_CONNECT_TIMEOUT_MS },
    keepAliveTimeout: 1_000,
    maxResponseSize: MAX_METADATA_RESPONSE_BYTES,
  });
  return metadataAgent;
}

/** Options of {@link fetchMetadataKeys}. */
export interface MetadataRequestOptions {
  /** @default a direct connection with a {@link METADATA_CONNECT_TIMEOUT_MS} connect timeout */
  readonly dispatcher?: Dispatcher | undefined;
  /** Most milliseconds the request may take, its whole answer included. @default 30000 */
  readonly timeoutMs?: number | undefined;
  /**
   * What was looked for before the metadata service, for the error when it does not answer:
   * the "no credentials" message, which then gains the metadata service as its last place.
   */
  readonly lookedFor?: string | undefined;
}

/**
 * Asks the ECS metadata service for the temporary keys of the agency attached to this server
 * (`GET {base}/openstack/latest/securitykey`). Throws {@link ScmCredentialsError} when it cannot
 * be reached or has none, {@link ScmResponseError} when its answer is unusable; no message holds a key.
 */
export async function fetchMetadataKeys(
  baseUrl: string,
  options: MetadataRequestOptions = {},
): Promise<TemporaryKeys> {
  const url = `${baseUrl}${ECS_SECURITY_KEY_PATH}`;
  const unavailable = (reason: string, cause?: unknown) =>
    new ScmCredentialsError(
      options.lookedFor
        ? `${options.lookedFor}\n- the ECS metadata service at ${url}: ${reason}.`
        : `Could not get temporary keys from the ECS metadata service at ${url}: ${reason}.`,
      cause === undefined ? undefined : { cause },
    );
  let answer: WholeAnswer;
  try {
    answer = await sendBounded({
      url,
      method: "GET",
      dispatcher: options.dispatcher ?? directAgent(),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: MAX_METADATA_RESPONSE_BYTES,
    });
  } catch (error) {
    if (!(error instanceof UnansweredError)) throw error;
    const reason =
      error.code === "UND_ERR_CONNECT_TIMEOUT"
        ? `no connection within ${METADATA_CONNECT_TIMEOUT_MS} ms (not an ECS server, or the service is blocked)`
        : error.reason;
    throw unavailable(reason, error);
  }
  const { status, text } = answer;
  if (status === 404) throw unavailable("no agency is attached to this server (404)");
  if (status !== 200) throw unavailable(`answered ${status}`);
  const parsed = credentialBodySchema.safeParse(safeJson(text));
  if (!parsed.success) {
    throw new ScmResponseError(
      `The ECS metadata service at ${url} answered 200 without usable temporary keys.`,
      {
        status,
        issues: issueLines(parsed.error),
      },
    );
  }
  return temporaryKeysOf(parsed.data);
}

/** The metadata service as a source of temporary keys, cached by its URL. */
export function metadataKeySource(baseUrl: string, options: MetadataRequestOptions = {}): TemporaryKeySource {
  return {
    kind: "ecs-metadata",
    issuer: `the ECS metadata service at ${baseUrl}${ECS_SECURITY_KEY_PATH}`,
    cacheKey: temporaryKeyCacheKey(["ecs-metadata", baseUrl]),
    fetch: () => fetchMetadataKeys(baseUrl, options),
  };
}
