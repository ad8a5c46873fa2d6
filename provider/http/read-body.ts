import { type Dispatcher, errors } from "undici";
import { MAX_RESPONSE_BYTES } from "../constants";

/** Why a body could not be read whole. */
export class BodyReadError extends Error {
  constructor(
    readonly reason: "too-large" | "truncated",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Whether an error is, or was caused by, undici ending an answer over its dispatcher's size cap. */
export function exceededSizeCap(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof errors.ResponseExceededMaxSizeError) return true;
  }
  return false;
}

/**
 * Reads a response body as UTF-8. The dispatcher caps its size (`maxResponseSize`); a declared
 * length over `maxBytes` is refused before anything is read.
 */
export async function readBody(
  response: Dispatcher.ResponseData,
  maxBytes: number = MAX_RESPONSE_BYTES,
): Promise<string> {
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body.destroy();
    throw new BodyReadError(
      "too-large",
      `the response body is ${declared} bytes, over the ${maxBytes}-byte cap`,
    );
  }
  const body = response.body;
  // Events, not `for await`: an async iterator costs more than the read itself for a small body.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on("data", (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
    });
    body.once("end", () => resolve(Buffer.concat(chunks, size).toString("utf8")));
    body.once("error", (error) =>
      reject(
        exceededSizeCap(error)
          ? new BodyReadError("too-large", `the response body exceeds the ${maxBytes}-byte cap`, {
              cause: error,
            })
          : new BodyReadError("truncated", `the response body was cut off after ${size} bytes`, {
              cause: error,
            }),
      ),
    );
  });
}
