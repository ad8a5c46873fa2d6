import * as pulumi from "@pulumi/pulumi";
import { ScmApiError } from "../errors";
import { selectCertificate } from "../renewal/select-certificate";
import { certificateOutputs } from "./certificate-outputs";
import { clientForCall, regionArgumentFailure, settingFailures, useStackConfig } from "./client-for-call";
import { diffInputs } from "./diff-inputs";
import { checkInputs, containsUnknown, parseInputs, type ResourceInputs } from "./resource-inputs";
import { resourceId, stateInputs } from "./resource-state";

/**
 * The dynamic provider behind {@link ScmExportedCertificate}. Exporting creates nothing in SCM,
 * so `delete` calls nothing remote; every other call resolves credentials when it runs.
 */
export const scmExportedCertificateProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    useStackConfig((key) => req.config.get(key));
  },

  async check(
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    const { inputs, failures } = checkInputs(news);
    const region = containsUnknown(news.region)
      ? undefined
      : regionArgumentFailure(inputs.region, inputs.endpoint);
    if (region && !failures.some((f) => f.property === "region")) failures.push(region);
    if (failures.length === 0 && !containsUnknown(news.region) && !containsUnknown(news.endpoint)) {
      const args = {
        region: inputs.region as string | undefined,
        endpoint: inputs.endpoint as string | undefined,
      };
      for (const failure of settingFailures(args)) {
        if (!failures.some((f) => f.property === failure.property)) failures.push(failure);
      }
    }
    return failures.length > 0 ? { inputs, failures } : { inputs };
  },

  async diff(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    const result = diffInputs(id, olds, news);
    if (result.changes || typeof news.domain !== "string" || containsUnknown(news)) return result;
    // Following a domain: a renewal in SCM is a change even though no input changed.
    return (await renewalPending(olds, parseInputs(news))) ? { changes: true } : result;
  },

  async create(props: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = parseInputs(props);
    const outs = await exportFor(inputs);
    return { id: resourceId(inputs), outs };
  },

  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const inputs = stateInputs(id, props);
    try {
      const outs = await exportFor(inputs);
      return { id, props: outs };
    } catch (error) {
      // Only SCM saying the certificate does not exist leaves the state; any other failure keeps
      // it, another 404 too (a mistyped endpoint path gets the gateway's APIGW.0101). A resource
      // that follows a domain stays: the next selection finds what SCM holds then.
      if (error instanceof ScmApiError && error.certificateNotFound && inputs.domain === undefined) {
        pulumi.log.warn(
          `${inputs.certificateId} no longer exists in SCM (404 ${error.errorCode}${error.requestId ? `, request id ${error.requestId}` : ""}): removing it from the state.`,
        );
        return { id: "" };
      }
      throw error;
    }
  },

  async update(
    _id: string,
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const inputs = parseInputs(news);
    return { outs: await exportFor(inputs) };
  },

  async delete(): Promise<void> {
    // The export made nothing in SCM: forgetting it is all there is to do, with or without credentials.
  },
};

async function exportFor(inputs: ResourceInputs): Promise<Record<string, unknown>> {
  const client = clientForCall(inputs);
  const certificateId =
    inputs.domain !== undefined
      ? (
          await selectCertificate(client, {
            domain: inputs.domain,
            enterpriseProjectId: inputs.enterpriseProjectId,
          })
        ).id
      : (inputs.certificateId as string);
  const exported = await client.exportCertificate(certificateId);
  return certificateOutputs(inputs, exported);
}

/** Whether SCM would now select another certificate for the domain than the one in the state. */
async function renewalPending(olds: Record<string, unknown>, inputs: ResourceInputs): Promise<boolean> {
  const domain = inputs.domain as string;
  try {
    const selected = await selectCertificate(clientForCall(inputs), {
      domain,
      enterpriseProjectId: inputs.enterpriseProjectId,
    });
    if (selected.id === olds.certificateId) return false;
    pulumi.log.info(
      `${domain}: SCM now selects ${selected.id} (expires ${selected.expireTime?.toISOString() ?? "unknown"}) ` +
        `in place of ${String(olds.certificateId)} (expires ${String(olds.notAfter ?? "unknown")}); the next update switches to it.`,
    );
    return true;
  } catch (error) {
    // A preview should not fail on an unrelated outage; the update and refresh will say more.
    pulumi.log.warn(`${domain}: could not check SCM for a renewal: ${(error as Error).message}`);
    return false;
  }
}
