import { Agent, type Dispatcher, request } from "undici";
import { ECS_SECURITY_KEY_PATH } from "../constants";
import { ScmCredentialsError, ScmResponseError } from "../errors";
import { BodyReadError, readBody } from "../http/read-body";
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
/** How long its headers, and again its body, may take once connected. */
const METADATA_ANSWER_TIMEOUT_MS = 5_000;
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
  let status: number;
  let text: string;
  try {
    const response = await request(url, {
      method: "GET",
      headersTimeout: METADATA_ANSWER_TIMEOUT_MS,
      bodyTimeout: METADATA_ANSWER_TIMEOUT_MS,
      dispatcher: options.dispatcher ?? directAgent(),
    });
    status = response.statusCode;
    text = await readBody(response, MAX_METADATA_RESPONSE_BYTES);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      error instanceof BodyReadError
        ? error.message
        : code === "UND_ERR_CONNECT_TIMEOUT"
          ? `no answer within ${METADATA_CONNECT_TIMEOUT_MS / 1000} s (not an ECS server, or the service is blocked)`
          : `not reachable (${code ?? "connection failed"})`;
    throw unavailable(reason, error);
  }
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
    cacheKey: temporaryKeyCacheKey(["ecs-metadata", baseUrl]),
    fetch: () => fetchMetadataKeys(baseUrl, options),
  };
}
