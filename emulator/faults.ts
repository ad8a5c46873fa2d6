/** Injected faults: which one answers a request, and how it answers. */

import {
  APIGW_API_NOT_FOUND,
  APIGW_AUTH_FAILED,
  APIGW_BACKEND_TIMEOUT,
  APIGW_BACKEND_UNAVAILABLE,
  APIGW_IAM_UNAVAILABLE,
  APIGW_NOT_AUTHORIZED,
  APIGW_THROTTLED,
  SCM_INCORRECT_PARAMETER,
  SCM_INTERNAL_ERROR,
} from "../provider/huawei-codes";
import { EXPORT_FIELD_LIMITS as DOCUMENTED_LIMITS } from "../provider/scm/api-schemas";
import { type Exchange, gatewayHtmlPage } from "./exchange";
import type { Fault } from "./types";

/** The answer a route would give without a fault. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

/** Documented maximum lengths of the export fields, as the client knows them. */
const EXPORT_FIELD_LIMITS: Readonly<Record<string, number>> = DOCUMENTED_LIMITS;

/**
 * The body a `status` fault sends when it names no code: what Huawei documents for that status. SCM
 * has no 404 of its own, so a 404 is the gateway's (a path it does not serve).
 */
const DEFAULT_ERRORS: Readonly<Record<number, readonly [string, string]>> = {
  400: [SCM_INCORRECT_PARAMETER, "Incorrect request parameter."],
  401: [APIGW_AUTH_FAILED, "Incorrect IAM authentication information."],
  403: [APIGW_NOT_AUTHORIZED, "The IAM user is not authorized to access the API."],
  404: [APIGW_API_NOT_FOUND, "The API does not exist or has not been published in the environment."],
  429: [APIGW_THROTTLED, "The throttling threshold has been reached."],
  500: [SCM_INTERNAL_ERROR, "Internal server error."],
  502: [APIGW_BACKEND_UNAVAILABLE, "Backend unavailable."],
  503: [APIGW_IAM_UNAVAILABLE, "Unable to reach the IAM service."],
  504: [APIGW_BACKEND_TIMEOUT, "Backend timeout."],
};

interface ActiveFault {
  readonly fault: Fault;
  remaining: number;
}

/** The faults of one emulator: one for all requests, and one per certificate. */
export class FaultRegistry {
  #global: ActiveFault | undefined;
  readonly #byCertificate = new Map<string, ActiveFault>();

  set(fault: Fault, certificateId?: string): void {
    if (fault.kind === "field-over-limit" && !(fault.field in EXPORT_FIELD_LIMITS)) {
      throw new Error(`field-over-limit supports ${Object.keys(EXPORT_FIELD_LIMITS).join(", ")}`);
    }
    // `times: 0` leaves nothing to answer: the target's fault is simply cleared.
    const active =
      fault.times !== undefined && fault.times <= 0
        ? undefined
        : { fault, remaining: fault.times ?? Infinity };
    if (certificateId === undefined) this.#global = active;
    else if (active) this.#byCertificate.set(certificateId, active);
    else this.#byCertificate.delete(certificateId);
  }

  clear(): void {
    this.#global = undefined;
    this.#byCertificate.clear();
  }

  /** The fault for this request, if any (a certificate's own wins), counted as used. */
  take(certificateId: string | undefined): Fault | undefined {
    const own = certificateId === undefined ? undefined : this.#byCertificate.get(certificateId);
    const active = own ?? this.#global;
    if (!active) return undefined;
    active.remaining -= 1;
    if (active.remaining <= 0) {
      if (active === own && certificateId !== undefined) this.#byCertificate.delete(certificateId);
      else this.#global = undefined;
    }
    return active.fault;
  }
}

function padField(body: Record<string, unknown>, field: string, rootPem: string): Record<string, unknown> {
  const value = body[field];
  const limit = EXPORT_FIELD_LIMITS[field];
  if (typeof value !== "string" || limit === undefined) return body;
  const eol = value.includes("\r\n") ? "\r\n" : "\n";
  let padded = value;
  if (field === "private_key") {
    // RFC 7468 allows explanatory text before the armour; PEM readers skip it.
    const line = `Comment: explanatory text before the key, allowed by RFC 7468 ${"-".repeat(20)}${eol}`;
    padded = line.repeat(Math.ceil((limit + 1 - value.length) / line.length)) + value;
  } else {
    const extra = rootPem.replace(/\r?\n/g, eol);
    while (padded.length <= limit) padded += extra;
  }
  return { ...body, [field]: padded };
}

/** Answers with the fault applied to the normal reply. */
export async function answerWithFault(
  exchange: Exchange,
  fault: Fault | undefined,
  reply: Reply,
  rootPem: string,
): Promise<void> {
  const body =
    typeof reply.body === "object" && reply.body !== null ? (reply.body as Record<string, unknown>) : {};
  switch (fault?.kind) {
    case undefined:
      return exchange.json(reply.status, reply.body, reply.headers);
    case "status": {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { "Retry-After": String(fault.retryAfterSeconds) };
      if (fault.html) return exchange.html(fault.status, gatewayHtmlPage(fault.status), headers);
      const [code, message] = DEFAULT_ERRORS[fault.status] ?? [SCM_INTERNAL_ERROR, "Request failed."];
      const errorBody = { error_code: fault.errorCode ?? code, error_msg: fault.errorMessage ?? message };
      return exchange.json(fault.status, errorBody, headers);
    }
    case "delay":
      if (!(await exchange.wait(fault.ms))) return;
      return exchange.json(reply.status, reply.body, reply.headers);
    case "reset":
      return exchange.reset();
    case "drip":
      return exchange.drip(
        reply.status,
        JSON.stringify(reply.body),
        { "Content-Type": "application/json" },
        fault.intervalMs ?? 100,
      );
    case "endless-error":
      return exchange.endless(
        fault.status,
        `{"error_code":"${SCM_INTERNAL_ERROR}","error_msg":"${"x".repeat(8000)}`,
        {
          "Content-Type": "application/json",
        },
      );
    case "truncated":
      return exchange.truncated(reply.status, JSON.stringify(reply.body), {
        "Content-Type": "application/json",
      });
    case "non-json":
      return exchange.html(502, gatewayHtmlPage(502));
    case "oversized":
      return fault.streamed
        ? exchange.endless(200, `{"padding":"${"x".repeat(8000)}`, { "Content-Type": "application/json" })
        : exchange.json(200, { ...body, padding: "x".repeat(70 * 1024) });
    case "missing-field": {
      const { [fault.field]: _removed, ...rest } = body;
      return exchange.json(200, rest);
    }
    case "field-over-limit":
      return exchange.json(200, padField(body, fault.field, rootPem));
  }
}
