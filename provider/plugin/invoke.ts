import { z } from "zod";
import { listCertificateSummaries } from "../resource/list-certificates";
import { CERTIFICATE_STATUSES } from "../scm/api-schemas";
import type { SettingsResolver } from "../settings/settings-resolver";
import { type InputFailure, inputFailures } from "../validation";
import { revealed } from "./wire-values";

/** The token of `getScmCertificates`, as the schema names it. */
export const GET_SCM_CERTIFICATES = "huaweicloud-scm:index:getScmCertificates";

const text = z.string({ error: "must be a string" }).optional();
/** Its arguments, checked for their types here and for their values where they are used. */
export const argumentsSchema = z.strictObject({
  domain: text,
  status: z
    .enum(CERTIFICATE_STATUSES, { error: `must be one of ${CERTIFICATE_STATUSES.join(", ")}` })
    .optional(),
  enterpriseProjectId: text,
  region: text,
  endpoint: text,
});

/** What an invoke answers: its outputs, or the arguments it refuses. */
export type InvokeResult =
  | { readonly outputs: Record<string, unknown> }
  | { readonly failures: readonly InputFailure[] };

/** Runs the function `token` names, with the settings the provider was configured with. */
export async function invoke(
  token: string,
  args: Record<string, unknown>,
  settings: SettingsResolver,
): Promise<InvokeResult> {
  if (token !== GET_SCM_CERTIFICATES) throw new Error(`Unknown function ${token}`);
  const parsed = argumentsSchema.safeParse(revealed(args));
  if (!parsed.success) return { failures: inputFailures(parsed.error) };
  const certificates = await listCertificateSummaries(settings, parsed.data);
  // A Struct holds no `undefined`: an expiry SCM does not give is left out.
  return { outputs: { certificates: certificates.map((c) => JSON.parse(JSON.stringify(c))) } };
}
