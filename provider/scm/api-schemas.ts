import { z } from "zod";
import { DEFAULT_CONNECTIONS } from "../constants";
import { certificateIdSchema, endpointSchema } from "../schemas";

/**
 * SCM's requests and answers: client options are held strictly; answers are read leniently
 * where a documented limit is no reason to fail.
 */

/** Options of {@link ScmClient}, checked once in its constructor. */
export const clientOptionsSchema = z.object({
  endpoint: endpointSchema,
  timeoutMs: z.number().int().positive().max(600_000).default(30_000),
  maxRetries: z.number().int().min(0).max(10).default(3),
  caCertificate: z
    .string()
    .includes("-----BEGIN CERTIFICATE-----", { error: "must be a PEM certificate" })
    .optional(),
  insecure: z.boolean().default(false),
  connections: z.number().int().positive().max(256).default(DEFAULT_CONNECTIONS),
});

const PEM_ARMOUR = /-----BEGIN [A-Z0-9 ]+-----[\s\S]+-----END [A-Z0-9 ]+-----/;

/** A PEM field of the export answer (exceeding its documented maximum only warns: {@link fieldsOverLimit}). */
const pemField = z.string().min(1, { error: "is empty" }).regex(PEM_ARMOUR, { error: "is not PEM-armoured" });

/** Documented maximum length of each field of the export answer. */
export const EXPORT_FIELD_LIMITS = {
  entire_certificate: 12_288,
  certificate: 4_096,
  certificate_chain: 8_192,
  private_key: 4_096,
} as const;

/** The 200 answer of `POST /v3/scm/certificates/{id}/export`; extra fields are tolerated. */
export const exportResponseSchema = z.looseObject({
  entire_certificate: pemField,
  certificate: pemField,
  certificate_chain: pemField,
  private_key: pemField,
  enc_certificate: z.string().regex(PEM_ARMOUR, { error: "is not PEM-armoured" }).optional().nullable(),
  // PEM, or a digital envelope (base64) when the user made the CSR of an SM2 certificate.
  enc_private_key: z.string().optional().nullable(),
});
export type ExportResponse = z.infer<typeof exportResponseSchema>;

/** Fields over their documented maximum: reported as warnings, never a failure. */
export function fieldsOverLimit(body: ExportResponse): string[] {
  return Object.entries(EXPORT_FIELD_LIMITS)
    .filter(([field, max]) => (body[field as keyof typeof EXPORT_FIELD_LIMITS]?.length ?? 0) > max)
    .map(
      ([field, max]) =>
        `${field} is ${body[field as keyof typeof EXPORT_FIELD_LIMITS].length} characters, over SCM's documented maximum of ${max}`,
    );
}

/** SCM's "2021-05-27 16:46:25.0" timestamps (no zone given; read as UTC), or ISO text, or epoch ms. */
const scmTimeSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms =
    typeof value === "number"
      ? value
      : Date.parse(
          /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(value)
            ? `${value.replace(" ", "T").replace(/\.\d+$/, "")}Z`
            : value,
        );
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: "is not a date" });
    return z.NEVER;
  }
  return new Date(ms);
});

const sansSchema = z
  .union([z.string(), z.array(z.string()), z.null()])
  .optional()
  .transform((value) =>
    (Array.isArray(value) ? value : (value ?? "").split(/[,;\s]+/))
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );

/** The statuses SCM reports (`CANCLEREVOKING` is SCM's own spelling). */
export const CERTIFICATE_STATUSES = [
  "ALL",
  "PAID",
  "ISSUED",
  "CHECKING",
  "CANCELCHECKING",
  "UNPASSED",
  "EXPIRED",
  "REVOKING",
  "REVOKED",
  "UPLOAD",
  "CHECKING_ORG",
  "ISSUING",
  "SUPPLEMENTCHECKING",
  "CANCELSUPPLEMENTING",
  "CANCLEREVOKING",
] as const;

/** Statuses whose certificates have something to export: issued, and uploaded. */
export const EXPORTABLE_STATUSES: readonly string[] = ["ISSUED", "UPLOAD"];

/** Text SCM may leave out or send as null: an empty string then. */
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? "");

/** The fields the listing and the details of a certificate share; other fields are ignored. */
const certificateFields = {
  id: certificateIdSchema,
  status: z.string(),
  name: optionalText,
  domain: optionalText.transform((v) => v.toLowerCase()),
  sans: sansSchema,
  type: optionalText,
  brand: optionalText,
  enterprise_project_id: z.string().nullish(),
  // Older answers spell it `signature_algrithm`.
  signature_algorithm: z.string().nullish(),
  signature_algrithm: z.string().nullish(),
};

/** The shared fields SCM spells its own way, in camelCase (either spelling of the algorithm). */
function renamed(body: {
  enterprise_project_id?: string | null | undefined;
  signature_algorithm?: string | null | undefined;
  signature_algrithm?: string | null | undefined;
}): { enterpriseProjectId: string | undefined; signatureAlgorithm: string | undefined } {
  return {
    enterpriseProjectId: body.enterprise_project_id ?? undefined,
    signatureAlgorithm: body.signature_algorithm ?? body.signature_algrithm ?? undefined,
  };
}

/** One certificate of `GET /v3/scm/certificates`. */
export const listedCertificateSchema = z
  .object({ ...certificateFields, expire_time: scmTimeSchema.nullish() })
  .transform(({ expire_time, enterprise_project_id, signature_algorithm, signature_algrithm, ...rest }) => ({
    ...rest,
    ...renamed({ enterprise_project_id, signature_algorithm, signature_algrithm }),
    expireTime: expire_time ?? undefined,
  }));
export type ListedCertificate = z.infer<typeof listedCertificateSchema>;

/** The answer of `GET /v3/scm/certificates`. */
export const listResponseSchema = z.looseObject({
  certificates: z.array(listedCertificateSchema),
  total_count: z.number().int().min(0),
});

/** An optional date of the details: absent, null or `""` (SCM's "not yet"). */
const optionalTime = z.union([scmTimeSchema, z.literal("")]).nullish();

/** The answer of `GET /v3/scm/certificates/{id}`. */
export const shownCertificateSchema = z
  .looseObject({
    ...certificateFields,
    issue_time: optionalTime,
    not_before: optionalTime,
    not_after: optionalTime,
  })
  .transform(
    ({
      issue_time,
      not_before,
      not_after,
      enterprise_project_id,
      signature_algorithm,
      signature_algrithm,
      ...rest
    }) => ({
      ...rest,
      ...renamed({ enterprise_project_id, signature_algorithm, signature_algrithm }),
      issueTime: issue_time || undefined,
      notBefore: not_before || undefined,
      notAfter: not_after || undefined,
    }),
  );
export type ShownCertificate = z.infer<typeof shownCertificateSchema>;

/** Query of {@link ScmClient.listCertificates}, held to the API's documented values. */
export const listQuerySchema = z.object({
  content: z.string().min(1).max(255).optional(),
  status: z.enum(CERTIFICATE_STATUSES).optional(),
  sortKey: z.enum(["certExpiredTime", "certStatus", "certUpdateTime"]).optional(),
  sortDir: z.enum(["ASC", "DESC"]).optional(),
  enterpriseProjectId: z.string().min(1).max(64).optional(),
  deploySupport: z.boolean().optional(),
  ownedBySelf: z.boolean().optional(),
  expiredDaysSince: z.number().int().min(0).max(1095).optional(),
});
