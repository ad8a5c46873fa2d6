import type { Dispatcher } from "undici";
import { z } from "zod";
import { MAX_IAM_RESPONSE_BYTES } from "../constants";
import { ScmCredentialsError } from "../errors";
import { DEFAULT_TIMEOUT_MS, sendBounded, UnansweredError, type WholeAnswer } from "../http/bounded-request";
import { safeJson } from "../http/response-errors";

/** How IAM is reached. */
export interface IamRequestOptions {
  /** The dispatcher to send through (TLS settings, proxies, tests). @default undici's global dispatcher */
  readonly dispatcher?: Dispatcher | undefined;
  /** Most milliseconds one request to IAM may take, its whole answer included. @default 30000 */
  readonly timeoutMs?: number | undefined;
}

/** One request to IAM. */
export interface IamRequest {
  readonly url: string;
  readonly method: "GET" | "POST";
  readonly headers: Record<string, string>;
  readonly body?: string | undefined;
  /** What is attempted, for messages: `exchange the password of user "u" for a token`. */
  readonly purpose: string;
  /** The configured auth URL, for messages. */
  readonly authUrl: string;
}

/** IAM's answer: its status, headers and body text. */
export type IamAnswer = WholeAnswer;

const iamErrorSchema = z.looseObject({
  error: z.looseObject({ message: z.string().optional(), title: z.string().optional() }),
});

/** The URL of an IAM v3 path for an auth URL: `…/v3` gains the rest of the path, a bare host all of it. */
export function iamUrl(authUrl: string, v3Path: `/v3/${string}`): string {
  const base = authUrl.replace(/\/+$/, "");
  return base.endsWith("/v3") ? `${base}${v3Path.slice(3)}` : `${base}${v3Path}`;
}

/**
 * Sends one request to IAM and reads its answer, whatever its status, within the timeout in all.
 * Throws {@link ScmCredentialsError} naming IAM and what was attempted when IAM cannot be
 * reached, does not answer in time, or sends a body that cannot be read.
 */
export async function sendToIam(call: IamRequest, options: IamRequestOptions = {}): Promise<IamAnswer> {
  try {
    return await sendBounded({
      url: call.url,
      method: call.method,
      headers: call.headers,
      body: call.body,
      dispatcher: options.dispatcher,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: MAX_IAM_RESPONSE_BYTES,
    });
  } catch (error) {
    if (!(error instanceof UnansweredError)) throw error;
    throw new ScmCredentialsError(
      `Could not ${call.purpose}: IAM at ${call.authUrl} ${error.reason}. Check huaweicloud:authUrl / HW_AUTH_URL and the network.`,
      { cause: error },
    );
  }
}

/**
 * IAM's own words from an error answer (`title: message`), with every given secret blanked out in
 * case IAM echoes one, then cut to 200 characters (in that order, so no part of a secret is left).
 */
export function iamErrorWords(text: string, secrets: readonly (string | undefined)[]): string {
  const detail = iamErrorSchema.safeParse(safeJson(text)).data?.error;
  let said = [detail?.title, detail?.message].filter(Boolean).join(": ");
  for (const secret of secrets) if (secret) said = said.split(secret).join("***");
  return said.slice(0, 200);
}
