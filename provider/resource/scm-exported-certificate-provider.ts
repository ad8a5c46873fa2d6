import type * as pulumi from "@pulumi/pulumi";
import { ScmApiError, ScmSelectionError } from "../errors";
import type { ScmClient } from "../scm/scm-client";
import { type SelectedCertificate, selectCertificate } from "../scm/select-certificate";
import { type SettingArguments, SettingsResolver } from "../settings/settings-resolver";
import type { InputFailure } from "../validation";
import { certificateOutputs } from "./certificate-outputs";
import { confirmDeletion } from "./confirm-deletion";
import { forResource, info, warn } from "./diagnostics";
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
 * The dynamic provider behind {@link ScmExportedCertificate}. Exporting creates nothing in SCM,
 * so `delete` calls nothing remote; every other call resolves settings when it runs. Messages
 * reach the engine as diagnostics on the resource (`__urn`, an input the resource sets).
 */
export class ScmExportedCertificateProvider
  implements pulumi.dynamic.ResourceProvider<DeclaredInputs, CertificateState>
{
  // The stack config lives here, in the provider host's memory: never in the serialized
  // provider, never in the state. `configure` replaces it before any other call.
  #settings = new SettingsResolver();
  /** What `check` selected in this process, by certificate id: `diff` names its expiry. */
  readonly #selections = new Map<string, SelectedCertificate>();

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.#settings = new SettingsResolver((key) => req.config.get(key));
  }

  check(olds: DeclaredInputs, news: DeclaredInputs): Promise<pulumi.dynamic.CheckResult<DeclaredInputs>> {
    return forResource(news.__urn, async () => {
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
    });
  }

  diff(id: string, olds: CertificateState, news: DeclaredInputs): Promise<pulumi.dynamic.DiffResult> {
    return forResource(news.__urn, async () => {
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
    });
  }

  create(props: DeclaredInputs): Promise<pulumi.dynamic.CreateResult<CertificateState>> {
    return forResource(props.__urn, async () => {
      const inputs = parseInputs(props);
      return {
        id: resourceId(inputs),
        outs: await this.#exportFor(await this.#client(inputs), inputs, props.__urn),
      };
    });
  }

  read(id: string, props?: CertificateState): Promise<pulumi.dynamic.ReadResult<CertificateState>> {
    return forResource(props?.__urn, async () => {
      const inputs = stateInputs(id, props ?? {});
      const client = await this.#client(inputs);
      try {
        return { id, props: await this.#exportFor(client, inputs, props?.__urn, props) };
      } catch (error) {
        // A certificate id SCM no longer knows leaves the state once the account's listing confirms
        // it is gone; any other failure keeps it. A resource that follows a domain always stays: the
        // next selection finds what SCM holds then.
        if (!(error instanceof ScmApiError && error.certificateUnknown) || inputs.domain !== undefined)
          throw error;
        warn(await confirmDeletion(client, error, inputs.certificateId, props?.__urn));
        return { id: "" };
      }
    });
  }

  update(
    _id: string,
    olds: CertificateState,
    news: DeclaredInputs,
  ): Promise<pulumi.dynamic.UpdateResult<CertificateState>> {
    return forResource(news.__urn, async () => {
      const inputs = parseInputs(news);
      return { outs: await this.#exportFor(await this.#client(inputs), inputs, news.__urn, olds) };
    });
  }

  async delete(): Promise<void> {
    // The export made nothing in SCM: forgetting it is all there is to do, with or without credentials.
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
    urn: unknown,
    previous?: CertificateState,
  ): Promise<CertificateState> {
    const exported =
      inputs.domain === undefined
        ? await client.exportCertificate(inputs.certificateId)
        : await exportFollowing(client, inputs, warn);
    const state = await certificateOutputs(inputs, exported, warn, { previous });
    // Kept with the outputs: `read` gets nothing else, and attaches its diagnostics by it.
    return typeof urn === "string" ? { ...state, __urn: urn } : state;
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

/** The provider the package's `__provider` module forwards to: one per provider host process. */
export const scmExportedCertificateProvider = new ScmExportedCertificateProvider();
