import { z } from "zod";

/**
 * Values every layer checks: certificate ids, IAM tokens, endpoints, and the error body SCM, IAM
 * and the API gateway share. Inputs are held to SCM's documented limits strictly.
 */

/** SCM's certificate ids: exactly 16 characters of `A-Z a-z 0-9 _ -`, none of which can change a URL path. */
export const CERTIFICATE_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

/** A certificate id (`scs1627959834994`), checked against {@link CERTIFICATE_ID_PATTERN}. */
export const certificateIdSchema = z.string({ error: "must be a string" }).regex(CERTIFICATE_ID_PATTERN, {
  error: "must be exactly 16 characters of A-Z, a-z, 0-9, '_' or '-' (SCM ids look like scs1627959834994)",
});

/** An IAM token as SCM accepts it in `X-Auth-Token`. */
export const authTokenSchema = z
  .string({ error: "must be a string" })
  .min(32, { error: "an IAM token is at least 32 characters" })
  .max(2_097_152, { error: "an IAM token is at most 2,097,152 characters" });

/** An SCM endpoint: an http(s) URL with no credentials, query or fragment. */
export const endpointSchema = z
  .string({ error: "must be a string" })
  .trim()
  .refine((value) => URL.canParse(value), {
    error: "must be an absolute URL such as https://scm.ap-southeast-1.myhuaweicloud.com",
  })
  .transform((value) => new URL(value))
  .refine((url) => url.protocol === "https:" || url.protocol === "http:", {
    error: "must use https:// (or http:// for a local emulator)",
  })
  .refine((url) => url.username === "" && url.password === "", { error: "must not carry credentials" })
  .refine((url) => url.search === "" && url.hash === "", { error: "must not have a query or a fragment" })
  .transform((url) => url.href.replace(/\/+$/, ""));

/** The error body of SCM and of the API gateway: `{"error_code", "error_msg"}`. */
export const errorBodySchema = z.looseObject({
  error_code: z.string().min(1).max(64),
  error_msg: z.string().max(2048).optional().default(""),
});
