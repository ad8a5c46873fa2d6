import { invalidInput } from "../validation";
import { type ResourceInputs, resourceInputsSchema, SETTING_INPUTS } from "./resource-inputs";

/** Prefix of the resource id in domain mode: the id stays put while renewals come and go. */
export const DOMAIN_ID_PREFIX = "domain:";

/** The resource's id: the certificate id, or `domain:<domain>` when following a domain. */
export function resourceId(inputs: ResourceInputs): string {
  return inputs.domain !== undefined ? `${DOMAIN_ID_PREFIX}${inputs.domain}` : inputs.certificateId;
}

/**
 * The inputs to read a resource again, from its stored outputs (refresh) or from its id alone
 * (`ScmExportedCertificate.get`, where the engine knows nothing else).
 */
export function stateInputs(id: string, props: Record<string, unknown>): ResourceInputs {
  const settings = Object.fromEntries(
    SETTING_INPUTS.filter((k) => props[k] != null).map((k) => [k, props[k]]),
  );
  const target =
    typeof props.domain === "string"
      ? { domain: props.domain }
      : typeof props.certificateId === "string"
        ? { certificateId: props.certificateId }
        : id.startsWith(DOMAIN_ID_PREFIX)
          ? { domain: id.slice(DOMAIN_ID_PREFIX.length) }
          : { certificateId: id };
  const parsed = resourceInputsSchema.safeParse({ ...settings, ...target });
  if (!parsed.success)
    throw invalidInput(`Cannot read ScmExportedCertificate ${JSON.stringify(id)}`, parsed.error);
  return parsed.data;
}
