/**
 * IAM's `POST /v3/auth/tokens` (a password in, a token in `X-Subject-Token` out) and
 * `GET /v3/auth/domains` (the account of the caller's credentials).
 */

import { randomBytes } from "node:crypto";
import { HEADER_SUBJECT_TOKEN } from "../provider/constants";
import type { Exchange } from "./exchange";
import type { EmulatedUser } from "./types";
import type { AuthResult } from "./verify-signature";

export type TokenState = "valid" | "expired" | "unknown";

/** The tokens IAM issued, with their expiry. */
export class IamTokens {
  readonly #expiresAt = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  issue(): { token: string; issuedAt: Date; expiresAt: Date } {
    const token = randomBytes(96).toString("base64url");
    const issuedAt = new Date();
    const expiresAt = new Date(issuedAt.getTime() + this.ttlMs);
    this.#expiresAt.set(token, expiresAt.getTime());
    return { token, issuedAt, expiresAt };
  }

  state(token: string): TokenState {
    const expiresAt = this.#expiresAt.get(token);
    if (expiresAt === undefined) return "unknown";
    return Date.now() < expiresAt ? "valid" : "expired";
  }

  /** Every token issued so far expires now. */
  expireAll(): void {
    const now = Date.now();
    for (const token of this.#expiresAt.keys()) this.#expiresAt.set(token, now);
  }
}

/** The id the emulator gives an account: its name in hex, as 32 digits. */
export function accountId(domainName: string): string {
  return Buffer.from(domainName).toString("hex").padEnd(32, "0").slice(0, 32);
}

/** The emulated account: its name and id. */
export interface Account {
  readonly name: string;
  readonly id: string;
}

function iamError(exchange: Exchange, code: number, title: string, message: string): void {
  exchange.json(code, { error: { code, message, title } });
}

interface PasswordIdentity {
  name?: unknown;
  password?: unknown;
  domain?: { name?: unknown };
}

function passwordIdentity(body: string | undefined): PasswordIdentity | undefined {
  try {
    const parsed = JSON.parse(body ?? "") as {
      auth?: { identity?: { methods?: unknown; password?: { user?: PasswordIdentity } } };
    };
    const identity = parsed.auth?.identity;
    if (!Array.isArray(identity?.methods) || !identity.methods.includes("password")) return undefined;
    return identity.password?.user;
  } catch {
    return undefined;
  }
}

/** Answers `POST /v3/auth/tokens` as IAM does (201 and a token, or IAM's own error shape). */
export function handleIssueToken(
  exchange: Exchange,
  users: readonly EmulatedUser[],
  tokens: IamTokens,
  account: Account,
): void {
  const identity = passwordIdentity(exchange.body);
  if (!identity) {
    iamError(exchange, 400, "Bad Request", "The request body is invalid.");
    return;
  }
  const user = users.find(
    (candidate) =>
      candidate.userName === identity.name &&
      candidate.password === identity.password &&
      candidate.domainName === identity.domain?.name,
  );
  if (!user) {
    iamError(exchange, 401, "Unauthorized", "The username or password is wrong.");
    return;
  }
  const { token, issuedAt, expiresAt } = tokens.issue();
  const domainId = user.domainName === account.name ? account.id : accountId(user.domainName);
  exchange.json(
    201,
    {
      token: {
        expires_at: expiresAt.toISOString(),
        issued_at: issuedAt.toISOString(),
        methods: ["password"],
        user: {
          name: user.userName,
          id: randomBytes(16).toString("hex"),
          domain: { name: user.domainName, id: domainId },
        },
        domain: { name: user.domainName, id: domainId },
      },
    },
    { [HEADER_SUBJECT_TOKEN]: token },
  );
}

/**
 * Answers `GET /v3/auth/domains` as IAM does for valid credentials: the account they belong to,
 * the one Huawei's SDKs send as `X-Domain-Id` to global services. Refused with IAM's 401 otherwise.
 */
export function handleListAuthDomains(exchange: Exchange, authenticated: AuthResult, account: Account): void {
  if (!authenticated.ok) {
    iamError(exchange, 401, "Unauthorized", authenticated.message);
    return;
  }
  exchange.json(200, {
    domains: [{ id: account.id, name: account.name, enabled: true, description: "", links: {} }],
  });
}
