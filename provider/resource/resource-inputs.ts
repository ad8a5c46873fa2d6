import { z } from "zod";
import { UNKNOWN_VALUE } from "../constants";
import { PFX_ENCRYPTIONS } from "../keystore/pfx";
import { certificateIdSchema, endpointSchema } from "../schemas";
import { type InputFailure, inputFailures, invalidInput } from "../validation";

/** A domain name as SCM certificates carry it; `*.` may lead (a wildcard). */
export const domainSchema = z
  .string({ error: "must be a string" })
  .trim()
  .toLowerCase()
  .max(253, { error: "must be at most 253 characters" })
  .regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, {
    error: "must be a domain name such as shop.example.com",
  });

/** The inputs every resource may set, whichever way it names its certificate. */
const settingInputsShape = {
  enterpriseProjectId: z
    .string({ error: "must be a string" })
    .regex(/^(0|all|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
      error: "must be 0, all, or an enterprise project UUID",
    })
    .optional(),
  region: z
    .string({ error: "must be a string" })
    .regex(/^[a-z]{2}(-[a-z0-9]+)+$/, { error: "must be a region name such as ap-southeast-1" })
    .optional(),
  endpoint: endpointSchema.optional(),
  triggers: z.array(z.json(), { error: "must be a list of values" }).optional(),
  expiryWarningDays: z
    .number({ error: "must be a number of days" })
    .int({ error: "must be a whole number of days" })
    .min(0, { error: "must not be negative" })
    .max(3650, { error: "must be at most 3650 days" })
    .optional(),
  // Passwords are never quoted back: their messages name the rule alone.
  pfxPassword: z
    .string({ error: "must be a string" })
    .max(1024, { error: "must be at most 1024 characters" })
    .optional(),
  pfxEncryption: z
    .enum(PFX_ENCRYPTIONS, { error: `must be one of ${PFX_ENCRYPTIONS.join(", ")}` })
    .optional(),
  privateKeyPassphrase: z
    .string({ error: "must be a string" })
    .min(1, { error: "must not be empty (OpenSSL cannot read a key encrypted under an empty passphrase)" })
    .max(1024, { error: "must be at most 1024 characters" })
    .optional(),
};

/** The inputs besides the certificate chosen, validated. */
export type ResourceSettingInputs = {
  [K in keyof typeof settingInputsShape]?: z.output<(typeof settingInputsShape)[K]>;
};

/** A resource that exports one certificate, by its id. */
export type CertificateIdInputs = ResourceSettingInputs & {
  readonly certificateId: string;
  readonly domain?: undefined;
  readonly selectedCertificateId?: undefined;
};

/** A resource that follows a domain, exporting the certificate selected for it. */
export type DomainInputs = ResourceSettingInputs & {
  readonly domain: string;
  readonly certificateId?: undefined;
  /** The certificate `check` selected, exported by `create` and `update`. */
  readonly selectedCertificateId?: string;
};

/** The inputs of `ScmExportedCertificate`, validated: a certificate id or a domain, never both. */
export type ResourceInputs = CertificateIdInputs | DomainInputs;

const NEITHER = "set either certificateId (one certificate) or domain (follow renewals)";

/** The inputs of `ScmExportedCertificate` as stored in the state, parsed into {@link ResourceInputs}. */
export const resourceInputsSchema = z
  .object({
    certificateId: certificateIdSchema.optional(),
    domain: domainSchema.optional(),
    selectedCertificateId: certificateIdSchema.optional(),
    ...settingInputsShape,
  })
  .superRefine((inputs, ctx) => {
    if (inputs.pfxEncryption !== undefined && inputs.pfxPassword === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["pfxEncryption"],
        message: "only applies with pfxPassword (set it, to an empty string for a PFX without a password)",
      });
    }
    const given = [inputs.certificateId, inputs.domain].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({
        code: "custom",
        path: [inputs.domain === undefined ? "certificateId" : "domain"],
        message: given === 0 ? NEITHER : "set certificateId or domain, not both",
      });
    }
  })
  .transform(({ certificateId, domain, selectedCertificateId, ...settings }, ctx): ResourceInputs => {
    if (domain !== undefined && certificateId === undefined) {
      return {
        ...settings,
        domain,
        ...(selectedCertificateId !== undefined ? { selectedCertificateId } : {}),
      };
    }
    if (certificateId !== undefined && domain === undefined) return { ...settings, certificateId };
    // The refinement above has reported it already; this keeps the type honest.
    ctx.addIssue({ code: "custom", path: ["certificateId"], message: NEITHER });
    return z.NEVER;
  });

/** The inputs besides the certificate chosen: a change to one re-exports in place, and refresh reuses them. */
export const SETTING_INPUTS = [
  "region",
  "endpoint",
  "triggers",
  "expiryWarningDays",
  "enterpriseProjectId",
  "pfxPassword",
  "pfxEncryption",
  "privateKeyPassphrase",
] as const;

/** True where the engine does not know the value yet (a preview), anywhere inside it. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN_VALUE) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * Validates the inputs a program declared. Properties whose value is not known yet are
 * accepted as they are (a preview cannot judge them), and the rest are checked.
 */
export function checkInputs(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  failures: InputFailure[];
} {
  const known: Record<string, unknown> = {};
  const placeholders: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(news)) {
    if (key === "__provider") continue;
    if (containsUnknown(value)) placeholders[key] = value;
    else known[key] = value;
  }
  // An unknown certificateId or domain still counts as "given" for the either-or rule.
  const probe = { ...known };
  if ("certificateId" in placeholders) probe.certificateId = "scs0000000000000";
  if ("domain" in placeholders) probe.domain = "unknown.example.com";
  const parsed = resourceInputsSchema.safeParse(probe);
  if (!parsed.success) return { inputs: news, failures: inputFailures(parsed.error) };
  const inputs: Record<string, unknown> = { ...news };
  for (const [key, value] of Object.entries(parsed.data)) {
    if (!(key in placeholders) && value !== undefined) inputs[key] = value;
  }
  return { inputs, failures: [] };
}

/** Parses inputs known to be complete (create, update, read); throws {@link ScmInputError} on anything invalid. */
export function parseInputs(props: Record<string, unknown>): ResourceInputs {
  const { __provider: _, ...rest } = props;
  const known = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
  const parsed = resourceInputsSchema.safeParse(known);
  if (parsed.success) return parsed.data;
  throw invalidInput("Invalid ScmExportedCertificate inputs", parsed.error);
}
