import type { z } from "zod";
import { createAuthorizer, type ScmCredentials } from "../auth/create-authorizer";
import { iamOrigins } from "../auth/iam-origins";
import { certificatePath, exportPath, SCM_CERTIFICATES_PATH } from "../constants";
import { hasControlCharacter } from "../control-characters";
import { ScmApiError, ScmInputError } from "../errors";
import { connectionPool } from "../http/connection-pool";
import { checkPlainHttp } from "../http/plain-http";
import type { RequestAuthorizer } from "../http/request-authorizer";
import { ScmTransport } from "../http/scm-transport";
import { SCM_TENANT_NO_PRIVILEGE } from "../huawei-codes";
import { certificateIdSchema } from "../schemas";
import { invalidInput, invalidValue } from "../validation";
import {
  clientOptionsSchema,
  EXPORTABLE_STATUSES,
  exportResponseSchema,
  fieldsOverLimit,
  type ListedCertificate,
  listQuerySchema,
  listResponseSchema,
  type ShownCertificate,
  shownCertificateSchema,
} from "./api-schemas";
import { PAGE_LIMIT, walkPages } from "./list-pages";

/** Options of {@link ScmClient}. */
export interface ScmClientOptions {
  /** SCM endpoint, e.g. `https://scm.ap-southeast-1.myhuaweicloud.com`. */
  readonly endpoint: string;
  /** How requests are authenticated: credentials, or an authorizer of your own. */
  readonly credentials: ScmCredentials | RequestAuthorizer;
  /** Per-attempt timeout in milliseconds, covering the headers and the body. @default 30000 */
  readonly timeoutMs?: number;
  /** Attempts after the first, on 429, 500, 502, 503, 504 and connection errors. @default 3 */
  readonly maxRetries?: number;
  /** A CA certificate (PEM) to trust, towards SCM and IAM, besides Node's bundle, `NODE_EXTRA_CA_CERTS` and the system store. */
  readonly caCertificate?: string;
  /**
   * Skip TLS certificate verification towards SCM and the IAM endpoints the credentials call (a
   * warning names each). The ECS metadata service is plain HTTP. Never in production. @default false
   */
  readonly insecure?: boolean;
  /**
   * Allow `http://` to a host other than loopback (a warning is emitted): credentials and private
   * keys then cross the network unencrypted. Loopback (`127.0.0.0/8`, `localhost`, `[::1]`) is always allowed. @default false
   */
  readonly allowHttp?: boolean;
  /** Most TCP connections to the endpoint at once, shared by every client of this process. @default 16 */
  readonly connections?: number;
  /** Receives non-fatal findings, such as a field over its documented size. @default process.emitWarning */
  readonly onWarning?: (message: string) => void;
}

/** A certificate exported from SCM, as SCM sent it (validated, not reformatted). */
export interface ExportedCertificate {
  readonly certificateId: string;
  /** The certificate alone, PEM. */
  readonly certificate: string;
  /** The intermediate chain, PEM. */
  readonly certificateChain: string;
  /** The certificate followed by its chain, PEM. */
  readonly entireCertificate: string;
  /** The private key, PEM. A secret. */
  readonly privateKey: string;
  /** SM2 certificates only: the encryption certificate. */
  readonly encCertificate?: string;
  /**
   * SM2 certificates only: the encryption private key. A secret. PEM, or a digital envelope
   * (base64, not PEM) when the user made the CSR: the signing key opens it.
   */
  readonly encPrivateKey?: string;
  /** SCM's request id (`X-Request-Id`), for support. */
  readonly requestId: string | undefined;
}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call, including any wait between attempts. */
  readonly signal?: AbortSignal;
}

/** Filters of {@link ScmClient.listCertificates}; each maps to SCM's query parameter of the same meaning. */
export type ListCertificatesQuery = z.input<typeof listQuerySchema>;

/** Every certificate a listing returned, and whether SCM's paging limits let it return all of them. */
export interface CertificateList {
  readonly certificates: readonly ListedCertificate[];
  /** SCM's `total_count`. */
  readonly total: number;
  /** False when more certificates match than SCM's paging limits reach: narrow the query. */
  readonly complete: boolean;
}

/** Refuses credentials holding a control character, naming the field, never its value. */
function checkCredentialCharacters(credentials: ScmCredentials | RequestAuthorizer): void {
  if (isAuthorizer(credentials)) return;
  if (credentials.kind === "assume-role") checkCredentialCharacters(credentials.base);
  for (const [field, value] of Object.entries(credentials)) {
    // `lookedFor` is prose for an error message, sent nowhere.
    if (field !== "lookedFor" && typeof value === "string" && hasControlCharacter(value)) {
      const reason = "holds a control character (a line break, perhaps): copy the value again";
      throw new ScmInputError(`Invalid ScmClient options: credentials.${field} ${reason}`, [
        { property: `credentials.${field}`, reason },
      ]);
    }
  }
}

/** The values of credentials that must never be shown. */
function secretsOf(credentials: ScmCredentials): (string | undefined)[] {
  switch (credentials.kind) {
    case "token":
      return [credentials.token];
    case "access-key":
      return [credentials.secretKey, credentials.securityToken];
    case "password":
      return [credentials.password];
    case "assume-role":
      return secretsOf(credentials.base);
    case "ecs-metadata":
      // Its temporary keys are fetched later, inside the authorizer, which never shows them.
      return [];
  }
}

function isAuthorizer(value: ScmCredentials | RequestAuthorizer): value is RequestAuthorizer {
  return typeof (value as RequestAuthorizer).authorize === "function";
}

/**
 * A client of Huawei Cloud SSL Certificate Manager. Requests share one keep-alive pool per
 * endpoint, are retried with backoff on throttling and transient failures, and every answer is
 * validated before it is returned.
 *
 * @example
 * const scm = new ScmClient({ endpoint: "https://scm.ap-southeast-1.myhuaweicloud.com", credentials: { kind: "token", token } });
 * const { certificate, privateKey } = await scm.exportCertificate("scs1627959834994");
 */
export class ScmClient {
  readonly endpoint: string;
  readonly #transport: ScmTransport;
  readonly #onWarning: (message: string) => void;

  constructor(options: ScmClientOptions) {
    const parsed = clientOptionsSchema.safeParse(options);
    if (!parsed.success) throw invalidInput("Invalid ScmClient options", parsed.error);
    if (!options.credentials) throw new ScmInputError("Invalid ScmClient options: credentials are required");
    const credentials = options.credentials;
    if (
      !isAuthorizer(credentials) &&
      credentials.kind === "access-key" &&
      !credentials.domainId &&
      !credentials.authUrl
    ) {
      // SCM is a global service: a signed request must name the account, so say so now, not at SCM.
      throw new ScmInputError(
        "Invalid ScmClient options: access-key credentials need domainId (the account id SCM takes as X-Domain-Id), or authUrl to look it up at IAM",
        [{ property: "credentials.domainId", reason: "is required without credentials.authUrl" }],
      );
    }
    this.endpoint = parsed.data.endpoint;
    this.#onWarning =
      options.onWarning ?? ((message) => process.emitWarning(message, { code: "SCM_WARNING" }));
    const allowHttp = options.allowHttp === true;
    const httpWarnings = [
      checkPlainHttp(this.endpoint, { name: "The SCM endpoint", property: "endpoint" }, allowHttp),
      !isAuthorizer(credentials) && "authUrl" in credentials && credentials.authUrl
        ? checkPlainHttp(
            credentials.authUrl,
            { name: "IAM's auth URL", property: "credentials.authUrl" },
            allowHttp,
          )
        : undefined,
    ];
    for (const warning of httpWarnings) if (warning) this.#onWarning(warning);
    checkCredentialCharacters(credentials);
    const origin = new URL(this.endpoint).origin;
    const iam = isAuthorizer(credentials) ? [] : iamOrigins(credentials);
    if (parsed.data.insecure) {
      const services = [`SCM at ${origin}`, ...iam.map((o) => `IAM at ${o}`)].join(" and ");
      this.#onWarning(
        `TLS verification is off for ${services}: anyone on the path can read the private keys and credentials.`,
      );
    }
    const pool = connectionPool({
      origin,
      iamOrigins: iam,
      caCertificate: parsed.data.caCertificate,
      insecure: parsed.data.insecure,
      connections: parsed.data.connections,
    });
    // IAM (a password exchanged, an account id looked up) is reached with the same TLS settings as SCM.
    const authorizer = isAuthorizer(credentials)
      ? credentials
      : createAuthorizer(credentials, { dispatcher: pool.iam, timeoutMs: parsed.data.timeoutMs });
    this.#transport = new ScmTransport({
      endpoint: this.endpoint,
      authorizer,
      pool: pool.agent,
      gate: pool.gate,
      timeoutMs: parsed.data.timeoutMs,
      maxRetries: parsed.data.maxRetries,
      secrets: isAuthorizer(credentials) ? [] : secretsOf(credentials),
    });
  }

  /**
   * Exports a certificate, its chain and its private key (`POST /v3/scm/certificates/{id}/export`).
   * Rejects with {@link ScmApiError} for an error status, and with another {@link ScmError} for
   * an invalid id, a timeout, a network failure or an unusable answer.
   */
  async exportCertificate(certificateId: string, options: CallOptions = {}): Promise<ExportedCertificate> {
    const id = this.#certificateId(certificateId);
    const operation = `export of ${id}`;
    const response = await this.#transport
      .send("POST", exportPath(id), {
        operation,
        certificateId: id,
        ...options,
      })
      .catch((error: unknown) => this.#explainRejectedExport(error, id, options));
    const data = this.#transport.validate(exportResponseSchema, response, operation);
    for (const warning of fieldsOverLimit(data)) this.#onWarning(`SCM ${operation}: ${warning}`);
    return {
      certificateId: id,
      certificate: data.certificate,
      certificateChain: data.certificate_chain,
      entireCertificate: data.entire_certificate,
      privateKey: data.private_key,
      ...(data.enc_certificate ? { encCertificate: data.enc_certificate } : {}),
      ...(data.enc_private_key ? { encPrivateKey: data.enc_private_key } : {}),
      requestId: response.requestId,
    };
  }

  /**
   * Lists certificates (`GET /v3/scm/certificates`), walking every page within SCM's limits.
   */
  async listCertificates(
    query: ListCertificatesQuery = {},
    options: CallOptions = {},
  ): Promise<CertificateList> {
    const parsed = listQuerySchema.safeParse(query);
    if (!parsed.success) throw invalidInput("Invalid certificate query", parsed.error);
    const q = parsed.data;
    const fixed: [string, string | undefined][] = [
      ["content", q.content],
      ["status", q.status],
      ["sort_key", q.sortKey],
      ["sort_dir", q.sortDir],
      ["enterprise_project_id", q.enterpriseProjectId],
      ["deploy_support", q.deploySupport?.toString()],
      ["owned_by_self", q.ownedBySelf?.toString()],
      ["expired_days_since", q.expiredDaysSince?.toString()],
    ];
    const result = await walkPages(async (offset) => {
      const search = new URLSearchParams([
        ["limit", String(PAGE_LIMIT)],
        ["offset", String(offset)],
      ]);
      for (const [name, value] of fixed) if (value !== undefined) search.set(name, value);
      const response = await this.#transport.send("GET", SCM_CERTIFICATES_PATH, {
        operation: "listing of certificates",
        query: search,
        ...options,
      });
      const page = this.#transport.validate(listResponseSchema, response, "listing of certificates");
      return { items: page.certificates, total: page.total_count };
    });
    return { certificates: result.items, total: result.total, complete: result.complete };
  }

  /** Shows one certificate's details and status (`GET /v3/scm/certificates/{id}`). */
  async showCertificate(certificateId: string, options: CallOptions = {}): Promise<ShownCertificate> {
    const id = this.#certificateId(certificateId);
    const operation = `lookup of ${id}`;
    const response = await this.#transport.send("GET", certificatePath(id), {
      operation,
      certificateId: id,
      ...options,
    });
    return this.#transport.validate(shownCertificateSchema, response, operation);
  }

  /**
   * A 400 on export other than an unknown id or another account's certificate usually means the
   * certificate is not issued yet (SCM's table has `SCM.0010` for a status that forbids an operation;
   * that export answers an unissued certificate with it is an assumption): say which status it is in.
   */
  async #explainRejectedExport(error: unknown, id: string, options: CallOptions): Promise<never> {
    if (!(error instanceof ScmApiError) || error.status !== 400) throw error;
    if (error.certificateUnknown || error.errorCode === SCM_TENANT_NO_PRIVILEGE) throw error;
    const shown = await this.showCertificate(id, options).catch(() => undefined);
    if (!shown || EXPORTABLE_STATUSES.includes(shown.status)) throw error;
    throw error.withHint(`${id} is ${shown.status}: only ISSUED or UPLOAD certificates can be exported`);
  }

  #certificateId(certificateId: string): string {
    const id = certificateIdSchema.safeParse(certificateId);
    if (!id.success) throw invalidValue("certificate id", "certificateId", id.error);
    return id.data;
  }
}
