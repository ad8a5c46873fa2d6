/** Public types of the SCM emulator: what tests, benchmarks and the demo configure and read. */

import type { IssuedTemporaryKey } from "./temporary-keys";

export type { IssuedTemporaryKey } from "./temporary-keys";

/** An access key pair the emulator accepts for `SDK-HMAC-SHA256` signed requests. */
export interface EmulatedAccessKey {
  readonly accessKey: string;
  readonly secretKey: string;
  /** When set, the pair is temporary: every signed request must carry it as `X-Security-Token`. */
  readonly securityToken?: string;
}

/** An IAM user that can exchange its password for a token at `POST /v3/auth/tokens`. */
export interface EmulatedUser {
  readonly domainName: string;
  readonly userName: string;
  readonly password: string;
}

/** An agency IAM lets an authenticated caller assume (`POST /v3.0/OS-CREDENTIAL/securitytokens`). */
export interface EmulatedAgency {
  readonly agencyName: string;
  /** The account (domain) name the agency lives in. */
  readonly domainName: string;
}

/** Options of {@link startScmEmulator}. Every field is optional. */
export interface ScmEmulatorOptions {
  /** Serve HTTPS with a certificate for 127.0.0.1/localhost signed by a CA the emulator generates. @default false */
  https?: boolean;
  /** Port to listen on (127.0.0.1). @default 0, a random free port */
  port?: number;
  /** The `X-Auth-Token` value accepted besides IAM-issued tokens. @default a random 64-character token */
  token?: string;
  /** Access key pairs accepted for signed requests. @default one generated pair */
  accessKeys?: EmulatedAccessKey[];
  /** IAM users. @default one generated user */
  users?: EmulatedUser[];
  /**
   * The account's id: what IAM's `GET /v3/auth/domains` answers, and the `X-Domain-Id` every
   * signed SCM request must carry. @default 32 hex digits from the first user's account name
   */
  domainId?: string;
  /** Lifetime of IAM-issued tokens, in milliseconds. @default 86_400_000 (24 hours) */
  tokenTtlMs?: number;
  /**
   * Agencies any authenticated caller may assume, temporary keys included (a chain).
   * @default one agency, `scm-reader`, in the first user's account
   */
  agencies?: EmulatedAgency[];
  /**
   * Lifetime of every temporary key issued (agency or metadata), in milliseconds, whatever
   * `duration_seconds` asks. @default the asked duration (IAM's 900 s when absent); 1 hour for metadata
   */
  temporaryKeyTtlMs?: number;
  /**
   * Serve the ECS metadata service's `GET /openstack/latest/securitykey` as a server with an
   * agency attached. Off, the path answers 404 as on a server without one. @default false
   */
  ecsMetadata?: boolean;
  /** Answer every request after this many milliseconds. @default 0 */
  delayMs?: number;
  /** SCM requests allowed per second (a token bucket); the rest get 429 `APIGW.0308` with `Retry-After`. @default unlimited */
  rateLimitPerSecond?: number;
  /** Certificates present at start. @default one RSA and one EC certificate, both `ISSUED` */
  certificates?: CertificateSpec[];
  /** Spell the list/show field `signature_algrithm`, as older SCM responses do. @default false */
  legacySignatureAlgorithmField?: boolean;
  /** Fail a seeded random share of SCM's answers from the start (see {@link ScmEmulator.setChaos}). @default off */
  chaos?: ChaosOptions;
}

/**
 * How a chaos fault fails an SCM answer: `reset` drops the connection, `throttled` is a 429
 * `APIGW.0308` with `Retry-After`, `server-error` a 500, 502, 503 or 504 with a JSON body, `html` a
 * gateway's 502, 503 or 504 HTML page, `truncated` a body cut off half-way.
 */
export type ChaosFaultKind = "reset" | "throttled" | "server-error" | "html" | "truncated";

/** Options of chaos: which share of SCM's answers fail, drawn from which seed, in which ways. */
export interface ChaosOptions {
  /** The share of SCM answers (list, show, export) that fail, from 0 to 1. */
  share: number;
  /** Seed of the draws: the same seed fails the same requests of the same order. @default 1 */
  seed?: number;
  /** The kinds to choose from, each as likely. @default every kind */
  kinds?: readonly ChaosFaultKind[];
  /** `Retry-After` of the 429s, in seconds. @default 1 */
  retryAfterSeconds?: number;
}

/** What chaos did since it was last configured. */
export interface ChaosReport {
  readonly enabled: boolean;
  readonly share: number;
  readonly seed: number;
  /** SCM answers that took a draw: every one past authentication with no fault of its own set. */
  readonly answers: number;
  /** Answers failed, by kind. */
  readonly injected: Readonly<Record<ChaosFaultKind, number>>;
}

/**
 * A fault the emulator injects into export, list and show answers (after authentication).
 * `times: N` answers N requests with the fault, then the normal answer returns; absent, it lasts.
 */
export type Fault =
  /** Any status with an SCM- or APIGW-shaped JSON body (or an HTML page with `html: true`). */
  | {
      kind: "status";
      status: number;
      errorCode?: string;
      errorMessage?: string;
      retryAfterSeconds?: number;
      times?: number;
      html?: boolean;
    }
  /** Answer normally after `ms` milliseconds. */
  | { kind: "delay"; ms: number; times?: number }
  /** Destroy the socket without an answer. */
  | { kind: "reset"; times?: number }
  /** Announce a longer `Content-Length` than what is sent, then close the connection. */
  | { kind: "truncated"; times?: number }
  /** The normal answer, its body sent one byte every `intervalMs` (default 100). */
  | { kind: "drip"; intervalMs?: number; times?: number }
  /** An error status whose body never ends (until the client leaves). */
  | { kind: "endless-error"; status: number; times?: number }
  /** A 502 HTML page, as a gateway sends it. */
  | { kind: "non-json"; times?: number }
  /** A 200 body over 64 KiB; `streamed`: one without a length that never ends. */
  | { kind: "oversized"; streamed?: boolean; times?: number }
  /** A 200 without this top-level field. */
  | { kind: "missing-field"; field: string; times?: number }
  /**
   * A 200 whose field exceeds its documented maximum yet stays valid PEM: certificate fields get
   * extra copies of the root certificate appended; `private_key` gets explanatory text before it.
   */
  | { kind: "field-over-limit"; field: string; times?: number };

/** What a certificate looks like; every field is optional. */
export interface CertificateSpec {
  /** @default "scs" followed by 13 digits */
  id?: string;
  /** RSA-2048 or EC P-256. @default "rsa" */
  keyType?: "rsa" | "ec";
  /** @default a fresh name under example.com */
  domain?: string;
  /** @default [domain] */
  sans?: string[];
  /** @default one day ago */
  notBefore?: Date;
  /** @default 365 days from now */
  notAfter?: Date;
  /** One of SCM's statuses (ISSUED, UPLOAD, CHECKING, EXPIRED, REVOKED, ...). @default "ISSUED" */
  status?: string;
  name?: string;
  /** @default "DV_SSL_CERT" */
  type?: string;
  /** @default "GEOTRUST" */
  brand?: string;
  /** @default "0" */
  enterpriseProjectId?: string;
  /** @default notBefore */
  issueTime?: Date;
  /** Serve the chain root-first instead of intermediate-first. @default "correct" */
  chainOrder?: "correct" | "reversed";
  /** Serve the private key of another certificate. @default false */
  mismatchedKey?: boolean;
  /** PEM line ends. @default "lf" */
  lineEnding?: "lf" | "crlf";
  /** Issue the leaf with basicConstraints CA:true. @default false */
  leafIsCa?: boolean;
  /** An "SM2" certificate: PEM that OpenSSL cannot parse, plus `enc_certificate` and `enc_private_key`. */
  sm2?: boolean;
  /**
   * With `sm2`: serve `enc_private_key` as SCM does when the user made the CSR, a digital
   * envelope (base64 DER, not PEM) instead of a PEM key. @default false
   */
  sm2Envelope?: boolean;
  /**
   * Serve the private key's PEM block inside this field too, as an uploaded bundle can hold it
   * (the key is then in `certificate` or `certificate_chain` as well as in `private_key`). @default "none"
   */
  keyBlockIn?: "none" | "certificate" | "certificateChain";
  /**
   * A certificate of another account: its id answers 400 `SCM.0003` ("Tenant has no privilege.")
   * and listings (which show the caller's own) leave it out. @default false
   */
  otherAccount?: boolean;
}

/** A certificate held by the emulator, with the PEM exactly as the export serves it. */
export interface EmulatedCertificate {
  readonly id: string;
  readonly domain: string;
  readonly sans: readonly string[];
  readonly status: string;
  readonly name: string;
  readonly type: string;
  readonly brand: string;
  readonly enterpriseProjectId: string;
  readonly issueTime: Date;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyType: "rsa" | "ec";
  readonly certificate: string;
  /** Intermediate then root (root then intermediate with `chainOrder: "reversed"`). */
  readonly certificateChain: string;
  readonly privateKey: string;
  readonly encCertificate?: string;
  readonly encPrivateKey?: string;
  /** The root CA, PEM, for chain checks in tests. */
  readonly caCertificate: string;
}

/** One request as the emulator saw it. The log is for tests: credentials are kept as sent. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** The query string without `?`, empty when none. */
  readonly query: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The status answered; 0 while unanswered, or when the connection was reset without an answer. */
  readonly status: number;
  /** The certificate id of the path, for export and show. */
  readonly certificateId?: string;
  /** When the request arrived (`Date.now()`). */
  readonly at: number;
}

/** A running emulator. */
export interface ScmEmulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** PEM of the CA that signed the HTTPS server certificate; `undefined` over HTTP. */
  readonly caCertificate: string | undefined;
  /** The configured `X-Auth-Token`. */
  readonly token: string;
  /** The first access key pair. */
  readonly accessKey: EmulatedAccessKey;
  /** The first IAM user. */
  readonly user: EmulatedUser;
  /** The account's id, which signed requests must send as `X-Domain-Id`. */
  readonly domainId: string;
  /** The id of the account's project, which a signed request may send as `X-Project-Id` instead. */
  readonly projectId: string;
  /** Every certificate by id. */
  readonly certificates: ReadonlyMap<string, EmulatedCertificate>;
  addCertificate(spec?: CertificateSpec): Promise<EmulatedCertificate>;
  /** New content (key, serial) under the same id. */
  rotateCertificate(id: string): Promise<EmulatedCertificate>;
  /** A new certificate with a new id, the same domains, a later expiry and a fresh key; the old one is unchanged. */
  renewCertificate(id: string): Promise<EmulatedCertificate>;
  deleteCertificate(id: string): void;
  setStatus(id: string, status: string): void;
  /** Replaces the fault for that target (one certificate, or all when no target is given). */
  setFault(fault: Fault, target?: { certificateId?: string }): void;
  /** Clears the faults set with {@link ScmEmulator.setFault}; chaos stays as configured. */
  clearFaults(): void;
  /**
   * Fails a seeded random share of SCM's answers from now on, its counters at zero; `undefined`
   * turns chaos off. A fault set with {@link ScmEmulator.setFault} wins over chaos for its requests.
   */
  setChaos(options: ChaosOptions | undefined): void;
  /** What chaos did since it was last configured. */
  readonly chaos: ChaosReport;
  /** Every IAM token issued so far now answers 401 `APIGW.0307`. */
  expireTokens(): void;
  /** Every temporary key issued so far (agency or metadata), expired ones included. */
  readonly temporaryKeys: readonly IssuedTemporaryKey[];
  /** Every temporary key issued so far is refused from now on. */
  expireTemporaryKeys(): void;
  /** Every request, in order of arrival. */
  readonly requests: readonly RequestLogEntry[];
  /** TCP connections accepted since start (or since {@link ScmEmulator.resetLog}). */
  readonly connections: number;
  /** Clears the request log and the connection count. */
  resetLog(): void;
  /** Closes the server and every socket. */
  stop(): Promise<void>;
}
