/** Temporary access keys the emulator issued (an agency assumed, or an ECS server's agency), with their expiry. */

import { randomBytes } from "node:crypto";
import type { EmulatedAccessKey } from "./types";

/** A temporary key pair as issued: usable only with its security token, until `expiresAt`. */
export interface IssuedTemporaryKey extends EmulatedAccessKey {
  readonly securityToken: string;
  readonly expiresAt: Date;
  /** Who got it: `agency:{domain}/{agency}` or `metadata`. */
  readonly issuedFor: string;
}

function randomUpperAlphanumeric(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join("");
}

/** Every temporary key issued so far. Expired keys stay listed (for leak scans) but are refused. */
export class TemporaryKeys {
  readonly #issued: IssuedTemporaryKey[] = [];

  issue(issuedFor: string, lifetimeMs: number): IssuedTemporaryKey {
    const key: IssuedTemporaryKey = {
      accessKey: randomUpperAlphanumeric(20),
      secretKey: randomBytes(30).toString("base64url"),
      // Real security tokens run to a thousand characters and more.
      securityToken: randomBytes(600).toString("base64url"),
      expiresAt: new Date(Date.now() + lifetimeMs),
      issuedFor,
    };
    this.#issued.push(key);
    return key;
  }

  /** Keys still valid now: the ones a signature may be made with. */
  unexpired(now: number = Date.now()): EmulatedAccessKey[] {
    return this.#issued.filter((key) => key.expiresAt.getTime() > now);
  }

  get all(): readonly IssuedTemporaryKey[] {
    return this.#issued;
  }

  /** Every key issued so far expires now. */
  expireAll(): void {
    const now = new Date();
    for (const [index, key] of this.#issued.entries()) this.#issued[index] = { ...key, expiresAt: now };
  }
}

/** IAM's and the metadata service's `credential` object: `expires_at` with microseconds, as IAM writes it. */
export function credentialBody(key: IssuedTemporaryKey): Record<string, unknown> {
  return {
    credential: {
      access: key.accessKey,
      secret: key.secretKey,
      securitytoken: key.securityToken,
      expires_at: key.expiresAt.toISOString().replace(/Z$/, "000Z"),
    },
  };
}
