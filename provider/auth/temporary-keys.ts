import { createHash } from "node:crypto";
import { z } from "zod";
import { TokenCache } from "./token-cache";

/** Temporary access keys (an agency assumed, or an ECS server's agency): usable with their security token until `expiresAt`. */
export interface TemporaryKeys {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly securityToken: string;
  readonly expiresAt: Date;
}

/**
 * Temporary keys are renewed this long before they expire, as Huawei Cloud's Terraform provider
 * does (600 s), so none runs out between signing and the gateway's check.
 */
export const TEMPORARY_KEY_RENEWAL_MARGIN_MS = 10 * 60 * 1000;

/** The `credential` object IAM's security-token endpoint and the ECS metadata service answer with. */
export const credentialBodySchema = z.looseObject({
  credential: z.looseObject({
    access: z.string().min(1).max(128),
    secret: z.string().min(1).max(256),
    securitytoken: z.string().min(1).max(16_384),
    expires_at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), { error: "is not a time" }),
  }),
});

/** The keys of a parsed `credential` body. */
export function temporaryKeysOf(body: z.infer<typeof credentialBodySchema>): TemporaryKeys {
  const { credential } = body;
  return {
    accessKey: credential.access,
    secretKey: credential.secret,
    securityToken: credential.securitytoken,
    expiresAt: new Date(credential.expires_at),
  };
}

/**
 * A cache key for everything that produced a set of temporary keys (credentials included), as a
 * digest: no credential is kept as a key.
 */
export function temporaryKeyCacheKey(parts: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/**
 * Temporary keys kept for the life of the process, shared by every authorizer that would fetch
 * the same ones, until {@link TEMPORARY_KEY_RENEWAL_MARGIN_MS} before they expire.
 */
export const temporaryKeyCache = new TokenCache<TemporaryKeys>(TEMPORARY_KEY_RENEWAL_MARGIN_MS);
