import type * as pulumi from "@pulumi/pulumi";
import { ScmApiError, ScmSelectionError } from "../errors";
import { type SelectedCertificate, selectCertificate } from "../scm/select-certificate";
import type { InputFailure } from "../validation";
import { certificateOutputs } from "./certificate-outputs";
import { clientForCall, regionArgumentFailure, settingFailures, useStackConfig } from "./client-for-call";
import { forResource, info, warn } from "./diagnostics";
import { diffInputs } from "./diff-inputs";
import { checkInputs, containsUnknown, parseInputs, type ResourceInputs } from "./resource-inputs";
import { resourceId, stateInputs } from "./resource-state";

/**
 * The dynamic provider behind {@link ScmExportedCertificate}. Exporting creates nothing in SCM,
 * so `delete` calls nothing remote; every other call resolves credentials when it runs. Messages
 * reach the engine as diagnostics on the resource (`__urn`, an input the resource sets).
 */
export const scmExportedCertificateProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    useStackConfig((key) => req.config.get(key));
  },

  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    return forResource(news.__urn, async () => {
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
      if (failures.length === 0 && typeof inputs.domain === "string" && !containsUnknown(inputs)) {
        const failure = await selectAtCheck(olds, inputs);
        if (failure) failures.push(failure);
      }
      return failures.length > 0 ? { inputs, failures } : { inputs };
    });
  },

  diff(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    return forResource(news.__urn, async () => {
      const result = diffInputs(id, olds, news);
      const selected = news.selectedCertificateId;
      if (result.changes || typeof selected !== "string" || selected === olds.certificateId) return result;
      // Following a domain: `check` found a renewal in SCM, and shows it as a changed input.
      const expires = selections.get(selected)?.expireTime?.toISOString() ?? "unknown";
      info(
        `${String(news.domain)}: SCM now selects ${selected} (expires ${expires}) in place of ` +
          `${String(olds.certificateId)} (expires ${String(olds.notAfter ?? "unknown")}); the update switches to it.`,
      );
      return { changes: true };
    });
  },

  create(props: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    return forResource(props.__urn, async () => {
      const inputs = parseInputs(props);
      const outs = await exportFor(inputs, props.__urn);
      return { id: resourceId(inputs), outs };
    });
  },

  read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    return forResource(props.__urn, async () => {
      const inputs = stateInputs(id, props);
      try {
        return { id, props: await exportFor(inputs, props.__urn) };
      } catch (error) {
        // Only SCM saying the certificate does not exist leaves the state; any other failure keeps
        // it, another 404 too (a mistyped endpoint path gets the gateway's APIGW.0101). A resource
        // that follows a domain stays: the next selection finds what SCM holds then.
        if (error instanceof ScmApiError && error.certificateNotFound && inputs.domain === undefined) {
          warn(
            `${inputs.certificateId} no longer exists in SCM (404 ${error.errorCode}${error.requestId ? `, request id ${error.requestId}` : ""}): removing it from the state.`,
          );
          return { id: "" };
        }
        throw error;
      }
    });
  },

  update(
    _id: string,
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    return forResource(news.__urn, async () => ({ outs: await exportFor(parseInputs(news), news.__urn) }));
  },

  async delete(): Promise<void> {
    // The export made nothing in SCM: forgetting it is all there is to do, with or without credentials.
  },
};

/** What `check` selected in this process, by certificate id: `diff` names its expiry. */
const selections = new Map<string, SelectedCertificate>();

/**
 * Following a domain, `check` selects the certificate now, so a preview shows a renewal as a
 * changed input (`selectedCertificateId`) and `create` / `update` export it without listing again.
 * A domain nothing in SCM covers fails a new resource at preview; an existing one keeps its
 * certificate with a warning, as it does when SCM cannot be asked.
 */
async function selectAtCheck(
  olds: Record<string, unknown>,
  inputs: Record<string, unknown>,
): Promise<InputFailure | undefined> {
  const parsed = parseInputs(inputs);
  const domain = parsed.domain as string;
  const previous = typeof olds.selectedCertificateId === "string" ? olds.selectedCertificateId : undefined;
  const existing = olds.domain === domain;
  try {
    const selected = await selectCertificate(clientForCall(parsed), {
      domain,
      enterpriseProjectId: parsed.enterpriseProjectId,
    });
    selections.set(selected.id, selected);
    inputs.selectedCertificateId = selected.id;
    return undefined;
  } catch (error) {
    if (error instanceof ScmSelectionError && !existing) return { property: "domain", reason: error.message };
    warn(`${domain}: could not check SCM for a renewal: ${(error as Error).message}`);
    if (existing && previous) inputs.selectedCertificateId = previous;
    else delete inputs.selectedCertificateId;
    return undefined;
  }
}

async function exportFor(inputs: ResourceInputs, urn: unknown): Promise<Record<string, unknown>> {
  const client = clientForCall(inputs);
  const certificateId =
    inputs.domain === undefined
      ? (inputs.certificateId as string)
      : (inputs.selectedCertificateId ??
        (
          await selectCertificate(client, {
            domain: inputs.domain,
            enterpriseProjectId: inputs.enterpriseProjectId,
          })
        ).id);
  const exported = await client.exportCertificate(certificateId);
  const outs = await certificateOutputs(inputs, exported, warn);
  // Kept with the outputs: `read` gets nothing else, and attaches its diagnostics by it.
  return typeof urn === "string" ? { ...outs, __urn: urn } : outs;
}
