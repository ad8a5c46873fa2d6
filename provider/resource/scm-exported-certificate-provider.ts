import type * as pulumi from "@pulumi/pulumi";
import { SettingsResolver } from "../settings/settings-resolver";
import { CertificateOperations, type DeclaredInputs } from "./certificate-operations";
import { forResource } from "./diagnostics";
import type { CertificateState } from "./outputs";

export type { DeclaredInputs } from "./certificate-operations";

/**
 * The dynamic provider behind {@link ScmExportedCertificate}: {@link CertificateOperations} as
 * Pulumi's dynamic-provider host calls them. That host passes no URN, so the resource sets one as
 * the input `__urn`: every call attaches its diagnostics by it, and the state keeps it, because
 * `read` gets nothing else.
 */
export class ScmExportedCertificateProvider
  implements pulumi.dynamic.ResourceProvider<DeclaredInputs, CertificateState>
{
  readonly #operations = new CertificateOperations();

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.#operations.configure(new SettingsResolver((key) => req.config.get(key)));
  }

  check(olds: DeclaredInputs, news: DeclaredInputs): Promise<pulumi.dynamic.CheckResult<DeclaredInputs>> {
    return forResource(news.__urn, () => this.#operations.check(olds, news));
  }

  diff(id: string, olds: CertificateState, news: DeclaredInputs): Promise<pulumi.dynamic.DiffResult> {
    return forResource(news.__urn, () => this.#operations.diff(id, olds, news));
  }

  async create(props: DeclaredInputs): Promise<pulumi.dynamic.CreateResult<CertificateState>> {
    const { id, outs } = await forResource(props.__urn, () => this.#operations.create(props));
    return { id, outs: withUrn(outs, props.__urn) };
  }

  async read(id: string, props?: CertificateState): Promise<pulumi.dynamic.ReadResult<CertificateState>> {
    const urn = typeof props?.__urn === "string" ? props.__urn : undefined;
    const read = await forResource(urn, () => this.#operations.read(id, props, urn));
    return read.props ? { ...read, props: withUrn(read.props, props?.__urn) } : read;
  }

  async update(
    id: string,
    olds: CertificateState,
    news: DeclaredInputs,
  ): Promise<pulumi.dynamic.UpdateResult<CertificateState>> {
    const { outs } = await forResource(news.__urn, () => this.#operations.update(id, olds, news));
    return { outs: withUrn(outs, news.__urn) };
  }

  async delete(): Promise<void> {
    // The export made nothing in SCM: forgetting it is all there is to do, with or without credentials.
  }
}

/** The outputs with the URN kept beside them: `read` gets nothing else, and attaches its diagnostics by it. */
function withUrn(state: CertificateState | undefined, urn: unknown): CertificateState | undefined {
  return state && typeof urn === "string" ? { ...state, __urn: urn } : state;
}

/** The provider the package's `__provider` module forwards to: one per provider host process. */
export const scmExportedCertificateProvider = new ScmExportedCertificateProvider();
