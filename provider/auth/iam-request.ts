import type { Dispatcher } from "undici";
import { z } from "zod";
import { ScmCredentialsError } from "../errors";
import { undici } from "../http/load-undici";
import { BodyReadError, readBody } from "../http/read-body";
import { safeJson } from "../http/response-errors";

/** How IAM is reached. */
export interface IamRequestOptions {
  /** The dispatcher to send through (TLS settings, proxies, tests). @default undici's global dispatcher */
  readonly dispatcher?: Dispatcher | undefined;
  /** Most milliseconds to wait for IAM's headers, and again for its body. @default 30000 */
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
export interface IamAnswer {
  readonly status: number;
  readonly headers: Dispatcher.ResponseData["headers"];
  readonly text: string;
}

/** IAM's answers carry a user, roles and projects: far less than this. */
const MAX_IAM_RESPONSE_BYTES = 1024 * 1024;

const iamErrorSchema = z.looseObject({
  error: z.looseObject({ message: z.string().optional(), title: z.string().optional() }),
});

/** The URL of an IAM v3 path for an auth URL: `…/v3` gains the rest of the path, a bare host all of it. */
export function iamUrl(authUrl: string, v3Path: `/v3/${string}`): string {
  const base = authUrl.replace(/\/+$/, "");
  return base.endsWith("/v3") ? `${base}${v3Path.slice(3)}` : `${base}${v3Path}`;
}

/**
 * Sends one request to IAM and reads its answer, whatever its status. Throws
 * {@link ScmCredentialsError} when IAM cannot be reached or its body cannot be read.
 */
export async function sendToIam(call: IamRequest, options: IamRequestOptions = {}): Promise<IamAnswer> {
  const timeout = options.timeoutMs ?? 30_000;
  try {
    const response = await undici().request(call.url, {
      method: call.method,
      headers: call.headers,
      ...(call.body === undefined ? {} : { body: call.body }),
      headersTimeout: timeout,
      bodyTimeout: timeout,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    const text = await readBody(response, MAX_IAM_RESPONSE_BYTES);
    return { status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    const reason =
      error instanceof BodyReadError
        ? error.message
        : ((error as { code?: string }).code ?? "connection failed");
    throw new ScmCredentialsError(
      `Could not ${call.purpose}: IAM at ${call.authUrl} could not be reached (${reason}). Check huaweicloud:authUrl / HW_AUTH_URL and the network.`,
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
