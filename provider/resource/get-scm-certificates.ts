import * as pulumi from "@pulumi/pulumi";
import { SettingsResolver } from "../settings/settings-resolver";
import {
  type GetScmCertificatesArgs,
  listCertificateSummaries,
  type ScmCertificateSummary,
} from "./list-certificates";

export type { GetScmCertificatesArgs, ScmCertificateSummary } from "./list-certificates";

/** A program's settings: its stack config, then the environment. */
const programSettings = new SettingsResolver((key) => pulumi.runtime.getConfig(key));

/**
 * Lists SCM certificates from a program, for programs that choose a certificate themselves.
 * Credentials and the endpoint are found as the resource finds them: stack config in the
 * `huaweicloud` namespace, then `HW_*` environment variables.
 *
 * @example
 * const issued = await getScmCertificates({ domain: "shop.example.com", status: "ISSUED" });
 */
export async function getScmCertificates(
  args: GetScmCertificatesArgs = {},
): Promise<ScmCertificateSummary[]> {
  return listCertificateSummaries(programSettings, args);
}
