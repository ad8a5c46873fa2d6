import type * as pulumi from "@pulumi/pulumi";
import { ScmApiError, ScmSelectionError } from "../errors";
import type { ScmClient } from "../scm/scm-client";
import { type SelectedCertificate, selectCertificate } from "../scm/select-certificate";
import { type SettingArguments, SettingsResolver } from "../settings/settings-resolver";
import type { InputFailure } from "../validation";
import { certificateOutputs } from "./certificate-outputs";
import { info, warn } from "./diagnostics";
import { diffInputs } from "./diff-inputs";
import type { CertificateState } from "./outputs";
import { checkInputs, containsUnknown, parseInputs, type ResourceInputs } from "./resource-inputs";
import { resourceId, stateInputs } from "./resource-state";
import { clientFor } from "./scm-clients";

/**
 * Inputs as the engine hands them over: what the program declared (values not known yet at a
 * preview included), not validated until `check` has run.
 */
export type DeclaredInputs = Record<string, unknown>;

/**
 * What the resource does, whichever face the engine calls (the dynamic provider or the provider
 * plugin): check, diff, create, read, update. Exporting creates nothing in SCM, so there is no
 * delete. Settings are resolved when a call runs. Diagnostics go to the resource of the current
 * call: each face runs these calls inside `forResource` with the URN it has.
 */
export class CertificateOperations {
  // The provider's configuration lives here, in the provider process's memory: never in the
  // state. `configure` replaces it before any other call.
  #settings = new SettingsResolver();
  /** What `check` selected in this process, by certificate id: `diff` names its expiry. */
  readonly #selections = new Map<string, SelectedCertificate>();

  /** The settings every later call resolves against: the provider's configuration, then the environment. */
  configure(settings: SettingsResolver): void {
    this.#settings = settings;
  }

  async check(
    olds: DeclaredInputs,
    news: DeclaredInputs,
  ): Promise<pulumi.dynamic.CheckResult<DeclaredInputs>> {
    const { inputs, failures } = checkInputs(news);
    const settingsKnown =
      !containsUnknown(news.region) &&
      !containsUnknown(news.endpoint) &&
      !failures.some((f) => f.property === "region" || f.property === "endpoint");
    if (settingsKnown) {
      for (const failure of this.#settings.failures(settingArguments(inputs))) {
        if (!failures.some((f) => f.property === failure.property)) failures.push(failure);
      }
    }
    if (failures.length === 0 && typeof inputs.domain === "string" && !containsUnknown(inputs)) {
      const failure = await this.#selectAtCheck(olds, inputs);
      if (failure) failures.push(failure);
    }
    return failures.length > 0 ? { inputs, failures } : { inputs };
  }

  async diff(id: string, olds: CertificateState, news: DeclaredInputs): Promise<pulumi.dynamic.DiffResult> {
    const result = diffInputs(id, olds, news);
    const selected = news.selectedCertificateId;
    if (result.changes || typeof selected !== "string" || selected === olds.certificateId) return result;
    // Following a domain: `check` found a renewal in SCM, and shows it as a changed input.
    const expires = this.#selections.get(selected)?.expireTime?.toISOString() ?? "unknown";
    info(
      `${String(news.domain)}: SCM now selects ${selected} (expires ${expires}) in place of ` +
        `${olds.certificateId} (expires ${olds.notAfter ?? "unknown"}); the update switches to it.`,
    );
    return { changes: true };
  }

  async create(props: DeclaredInputs): Promise<pulumi.dynamic.CreateResult<CertificateState>> {
    const inputs = parseInputs(props);
    return { id: resourceId(inputs), outs: await this.#exportFor(inputs) };
  }

  async read(id: string, props?: CertificateState): Promise<pulumi.dynamic.ReadResult<CertificateState>> {
    const inputs = stateInputs(id, props ?? {});
    try {
      return { id, props: await this.#exportFor(inputs) };
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
  }

  async update(
    _id: string,
    _olds: CertificateState,
    news: DeclaredInputs,
  ): Promise<pulumi.dynamic.UpdateResult<CertificateState>> {
    return { outs: await this.#exportFor(parseInputs(news)) };
  }

  /**
   * Following a domain, `check` selects the certificate now, so a preview shows a renewal as a
   * changed input (`selectedCertificateId`) and `create` / `update` export it without listing again.
   * A domain nothing in SCM covers fails a new resource at preview; an existing one keeps its
   * certificate with a warning, as it does when SCM cannot be asked.
   */
  async #selectAtCheck(olds: DeclaredInputs, inputs: DeclaredInputs): Promise<InputFailure | undefined> {
    const parsed = parseInputs(inputs);
    if (parsed.domain === undefined) return undefined;
    const { domain } = parsed;
    const previous = typeof olds.selectedCertificateId === "string" ? olds.selectedCertificateId : undefined;
    const existing = olds.domain === domain;
    try {
      const client = await this.#client(parsed);
      const selected = await selectCertificate(client, {
        domain,
        enterpriseProjectId: parsed.enterpriseProjectId,
      });
      this.#selections.set(selected.id, selected);
      inputs.selectedCertificateId = selected.id;
      return undefined;
    } catch (error) {
      if (error instanceof ScmSelectionError && !existing)
        return { property: "domain", reason: error.message };
      warn(`${domain}: could not check SCM for a renewal: ${(error as Error).message}`);
      if (existing && previous) inputs.selectedCertificateId = previous;
      else delete inputs.selectedCertificateId;
      return undefined;
    }
  }

  async #exportFor(inputs: ResourceInputs): Promise<CertificateState> {
    const client = await this.#client(inputs);
    const certificateId =
      inputs.domain === undefined
        ? inputs.certificateId
        : (inputs.selectedCertificateId ??
          (
            await selectCertificate(client, {
              domain: inputs.domain,
              enterpriseProjectId: inputs.enterpriseProjectId,
            })
          ).id);
    const exported = await client.exportCertificate(certificateId);
    return certificateOutputs(inputs, exported, warn);
  }

  #client(args: SettingArguments): Promise<ScmClient> {
    return clientFor(this.#settings.resolve(args));
  }
}

/** The region and endpoint a resource declares, when they are strings. */
function settingArguments(inputs: DeclaredInputs): SettingArguments {
  return {
    region: typeof inputs.region === "string" ? inputs.region : undefined,
    endpoint: typeof inputs.endpoint === "string" ? inputs.endpoint : undefined,
  };
}
