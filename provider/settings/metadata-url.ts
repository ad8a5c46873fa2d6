import { DEFAULT_METADATA_URL } from "../constants";
import { ScmCredentialsError } from "../errors";
import { endpointSchema } from "../schemas";

/** The variable that moves the metadata service (tests serve it on loopback). */
export const METADATA_URL_VARIABLE = "HW_METADATA_URL";

/** The metadata service's base URL: `HW_METADATA_URL`, else `http://169.254.169.254`, without a trailing slash. */
export function metadataBaseUrl(env: NodeJS.ProcessEnv): string {
  const configured = env[METADATA_URL_VARIABLE];
  if (configured === undefined || configured.trim() === "") return DEFAULT_METADATA_URL;
  const checked = endpointSchema.safeParse(configured);
  if (!checked.success) {
    throw new ScmCredentialsError(
      `${METADATA_URL_VARIABLE} must be the metadata service's base URL, such as ${DEFAULT_METADATA_URL}: it ${checked.error.issues[0]?.message ?? "is invalid"}.`,
    );
  }
  return checked.data;
}
