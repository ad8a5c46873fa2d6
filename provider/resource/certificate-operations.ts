import type * as pulumi from "@pulumi/pulumi";
import { ScmApiError, ScmSelectionError } from "../errors";
import type { ScmClient } from "../scm/scm-client";
import { type SelectedCertificate, selectCertificate } from "../scm/select-certificate";
import { type SettingArguments, SettingsResolver } from "../settings/settings-resolver";
import type { InputFailure } from "../validation";
import { rfc3339 } from "../x509/x509-metadata";
import { certificateOutputs } from "./certificate-outputs";
import { confirmDeletion } from "./confirm-deletion";
import { info, warn } from "./diagnostics";
import { diffInputs } from "./diff-inputs";
import { exportFollowing } from "./export-following";
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
    const expireTime = this.#selections.get(selected)?.expireTime;
    const expires = expireTime ? rfc3339(expireTime) : "unknown";
    info(
      `${String(news.domain)}: SCM now selects ${selected} (expires ${expires}) in place of ` +
        `${olds.certificateId} (expires ${olds.notAfter ?? "unknown"}); the update switches to it.`,
    );
    return { changes: true };
  }

  async create(props: DeclaredInputs): Promise<pulumi.dynamic.CreateResult<CertificateState>> {
    const inputs = parseInputs(props);
    return { id: resourceId(inputs), outs: await this.#exportFor(await this.#client(inputs), inputs) };
  }

  /** Reads the resource again; `urn`, when the face has it, names the resource in messages. */
  async read(
    id: string,
    props: CertificateState | undefined,
    urn?: string,
  ): Promise<pulumi.dynamic.ReadResult<CertificateState>> {
    const inputs = stateInputs(id, props ?? {});
    const client = await this.#client(inputs);
    try {
      return { id, props: await this.#exportFor(client, inputs, props) };
    } catch (error) {
      // A certificate id SCM no longer knows leaves the state once the account's listing confirms
      // it is gone; any other failure keeps it. A resource that follows a domain always stays: the
      // next selection finds what SCM holds then. A `get` or `pulumi import` has no state to leave:
      // for an id SCM does not know (a mistyped one, most likely), SCM's answer is the error.
      const exportedBefore = typeof props?.certificate === "string";
      if (
        !(error instanceof ScmApiError && error.certificateUnknown) ||
        inputs.domain !== undefined ||
        !exportedBefore
      )
        throw error;
      warn(await confirmDeletion(client, error, inputs.certificateId, urn));
      return { id: "" };
    }
  }

  async update(
    _id: string,
    olds: CertificateState,
    news: DeclaredInputs,
  ): Promise<pulumi.dynamic.UpdateResult<CertificateState>> {
    const inputs = parseInputs(news);
    return { outs: await this.#exportFor(await this.#client(inputs), inputs, olds) };
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
      // An existing resource has a certificate already; a new one has none yet: `create` selects it.
      const outcome = existing
        ? "could not check SCM for a renewal"
        : "could not select a certificate at preview";
      warn(`${domain}: ${outcome}: ${(error as Error).message}`);
      if (existing && previous) inputs.selectedCertificateId = previous;
      else delete inputs.selectedCertificateId;
      return undefined;
    }
  }

  /**
   * Exports the resource's certificate and makes its outputs. `previous`, the state being refreshed
   * or updated, lends the key forms that still hold this export, so that nothing changes when
   * nothing changed in SCM.
   */
  async #exportFor(
    client: ScmClient,
    inputs: ResourceInputs,
    previous?: CertificateState,
  ): Promise<CertificateState> {
    const exported =
      inputs.domain === undefined
        ? await client.exportCertificate(inputs.certificateId)
        : await exportFollowing(client, inputs, warn);
    return certificateOutputs(inputs, exported, warn, { previous });
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
