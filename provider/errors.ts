/**
 * The package's one error tree. Every error has a stable `code`; `instanceof` works across two
 * copies of the package (a Pulumi program and its dynamic-provider host can load different ones).
 * No message, property or `cause` ever holds a credential or a private key.
 */

import { isUnknownCertificate, SCM_TENANT_NO_PRIVILEGE } from "./huawei-codes";

const kBrand = Symbol.for("pulumi-huaweicloud-scm.error");

export type ScmErrorCode =
  | "SCM_ERR_API"
  | "SCM_ERR_TIMEOUT"
  | "SCM_ERR_NETWORK"
  | "SCM_ERR_RESPONSE"
  | "SCM_ERR_INPUT"
  | "SCM_ERR_CREDENTIALS"
  | "SCM_ERR_CERTIFICATE"
  | "SCM_ERR_SELECTION";

/** Base class of every error this package throws. */
export class ScmError extends Error {
  override name = "ScmError";
  readonly code: ScmErrorCode = "SCM_ERR_API";
  readonly [kBrand] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    // This copy's own errors by their prototypes: a bundler may rename a class (esbuild makes
    // `class _ScmApiError` of one that refers to itself), which the name check below would miss.
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class asked about, a subclass included.
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // biome-ignore lint/complexity/noThisInStatic: as above.
    if (this === ScmError) {
      return (
        typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[kBrand] === true
      );
    }
    // Subclasses compare by name so that copies from another package instance still match.
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[kBrand] === true &&
      // biome-ignore lint/complexity/noThisInStatic: as above.
      (value as { name?: unknown }).name === this.name
    );
  }
}

/** What the caller should do about an answer, appended to {@link ScmApiError}'s message. */
function hintFor(status: number, errorCode: string | undefined): string | undefined {
  if (isUnknownCertificate(status, errorCode)) {
    return "SCM does not know this certificate id in this account: check the id, and the account the credentials belong to.";
  }
  if (errorCode === SCM_TENANT_NO_PRIVILEGE) {
    return "The certificate belongs to another account: use credentials of the account that holds it.";
  }
  switch (status) {
    case 400:
      return "SCM rejected the request: check the certificate id and the certificate's status (only ISSUED or UPLOAD certificates can be exported).";
    case 401:
      return "Check or renew the credentials (an IAM token lives 24 hours; an access key may be disabled or deleted).";
    case 403:
      return "The caller needs the IAM permission scm:cert:export on this certificate's enterprise project.";
    case 404:
      // SCM documents no 404 of its own: this is the gateway (a path it does not serve) or another service.
      return "This is not SCM saying the certificate does not exist: the endpoint may be wrong (a path the gateway does not serve, or another service). Check the SCM endpoint.";
    case 429:
      return "SCM is throttling this account: lower the parallelism (pulumi up --parallel) or retry later.";
    default:
      return status >= 500
        ? "SCM or its gateway failed: retry later; quote the request id to Huawei Cloud support."
        : undefined;
  }
}

export interface ScmApiErrorDetails {
  /** What was attempted, e.g. `export of scs1627959834994`. */
  operation: string;
  status: number;
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
  requestId?: string | undefined;
  certificateId?: string | undefined;
  /** Overrides the hint derived from the status. */
  hint?: string | undefined;
}

/** ` (request id …)`, or nothing when SCM sent none. */
export function requestIdSuffix(requestId: string | undefined): string {
  return requestId ? ` (request id ${requestId})` : "";
}

/** SCM (or the API gateway in front of it) answered with an error status. */
export class ScmApiError extends ScmError {
  override name = "ScmApiError";
  override readonly code = "SCM_ERR_API";
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly errorMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly certificateId: string | undefined;
  readonly hint: string | undefined;
  readonly #operation: string;

  /**
   * Whether SCM itself said it does not know the certificate id (`SCM.0020` or `SCM.0008`). Not
   * proof that it is gone: the resource confirms that with a listing before forgetting it.
   */
  get certificateUnknown(): boolean {
    return isUnknownCertificate(this.status, this.errorCode);
  }

  /** SCM's answer in a few words for a diagnostic: `400 SCM.0020, request id …`. */
  get answer(): string {
    const what = [String(this.status), this.errorCode].filter(Boolean).join(" ");
    return this.requestId ? `${what}, request id ${this.requestId}` : what;
  }

  constructor(details: ScmApiErrorDetails, options?: { cause?: unknown }) {
    const hint = details.hint ?? hintFor(details.status, details.errorCode);
    const what = [String(details.status), details.errorCode, details.errorMessage].filter(Boolean).join(" ");
    super(
      `SCM ${details.operation} failed: ${what}${requestIdSuffix(details.requestId)}${hint ? `. ${hint}` : ""}`,
      options,
    );
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errorMessage = details.errorMessage;
    this.requestId = details.requestId;
    this.certificateId = details.certificateId;
    this.hint = hint;
    this.#operation = details.operation;
  }

  /** The same answer of SCM with another hint: what it means where it was met. */
  withHint(hint: string, options?: { cause?: unknown }): ScmApiError {
    return new ScmApiError(
      {
        operation: this.#operation,
        status: this.status,
        errorCode: this.errorCode,
        errorMessage: this.errorMessage,
        requestId: this.requestId,
        certificateId: this.certificateId,
        hint,
      },
      options,
    );
  }
}

/** An attempt took longer than the per-attempt timeout, on every attempt allowed. */
export class ScmTimeoutError extends ScmError {
  override name = "ScmTimeoutError";
  override readonly code = "SCM_ERR_TIMEOUT";
}

/** The connection failed (refused, reset, TLS), on every attempt allowed. */
export class ScmNetworkError extends ScmError {
  override name = "ScmNetworkError";
  override readonly code = "SCM_ERR_NETWORK";
}

/**
 * The request worked but the answer is unusable: not JSON, truncated, too large, or not the
 * documented shape. Carries at most a short excerpt of the body, from which secrets were removed.
 */
export class ScmResponseError extends ScmError {
  override name = "ScmResponseError";
  override readonly code = "SCM_ERR_RESPONSE";
  readonly status: number;
  readonly requestId: string | undefined;
  /** Where the body broke the schema: paths and reasons, never values. */
  readonly issues: readonly string[];
  constructor(
    message: string,
    details: { status: number; requestId?: string | undefined; issues?: readonly string[] },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = details.status;
    this.requestId = details.requestId;
    this.issues = details.issues ?? [];
  }
}

/** An input (option, argument, configuration value) is invalid; nothing was sent. */
export class ScmInputError extends ScmError {
  override name = "ScmInputError";
  override readonly code = "SCM_ERR_INPUT";
  /** Each failure as a property path and a reason, the shape of a Pulumi check failure. */
  readonly failures: readonly { property: string; reason: string }[];
  constructor(message: string, failures: readonly { property: string; reason: string }[] = []) {
    super(message);
    this.failures = failures;
  }
}

/** No usable credentials were found, or they could not be exchanged for a token. */
export class ScmCredentialsError extends ScmError {
  override name = "ScmCredentialsError";
  override readonly code = "SCM_ERR_CREDENTIALS";
}

/** The exported certificate is unusable as it stands (for example, the key does not match). */
export class ScmCertificateError extends ScmError {
  override name = "ScmCertificateError";
  override readonly code = "SCM_ERR_CERTIFICATE";
}

/** No certificate could be selected for a domain. */
export class ScmSelectionError extends ScmError {
  override name = "ScmSelectionError";
  override readonly code = "SCM_ERR_SELECTION";
}
