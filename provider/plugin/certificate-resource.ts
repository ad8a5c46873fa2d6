import type { CertificateOperations } from "../resource/certificate-operations";
import { combinedPemOf, entireCertificateOf, privateKeyPkcs8Of } from "../resource/derived-outputs";
import { forResource, warn } from "../resource/diagnostics";
import { expiryNotice } from "../resource/expiry-notice";
import {
  type CertificateState,
  type DERIVED_OUTPUTS,
  DERIVED_SECRET_OUTPUTS,
  SECRET_INPUTS,
  SECRET_OUTPUTS,
} from "../resource/outputs";
import { stateInputs } from "../resource/resource-state";
import type { InputFailure } from "../validation";
import { type PropertyDiff, propertyDiffs } from "./property-diff";
import { forEngine, revealed, secretKeys } from "./wire-values";

type Properties = Record<string, unknown>;

/** What `diff` tells the engine. */
export interface ResourceDiff {
  readonly changes: boolean;
  readonly replaces: readonly string[];
  readonly deleteBeforeReplace: boolean;
  readonly properties: Record<string, PropertyDiff>;
}

/**
 * `ScmExportedCertificate` as the provider plugin serves it: {@link CertificateOperations} with
 * the URN the engine gives every call (diagnostics go to that resource), secrets taken off the
 * values that come in and put on those that go out, and what a program's resource class adds in
 * the program (the derived outputs, the expiry warning) done here, for programs in any language.
 */
export class CertificateResource {
  constructor(private readonly operations: CertificateOperations) {}

  check(
    urn: string,
    olds: Properties,
    news: Properties,
  ): Promise<{ inputs: Properties; failures: InputFailure[] }> {
    return forResource(urn, async () => {
      const { inputs = {}, failures = [] } = await this.operations.check(bare(olds), bare(news));
      return { inputs: forEngine(inputs, [...secretKeys(news), ...SECRET_INPUTS]), failures: [...failures] };
    });
  }

  diff(
    urn: string,
    id: string,
    olds: Properties,
    oldInputs: Properties,
    news: Properties,
  ): Promise<ResourceDiff> {
    return forResource(urn, async () => {
      const state = bare(olds) as CertificateState;
      const inputs = bare(news);
      const result = await this.operations.diff(id, state, inputs);
      const replaces = result.replaces ?? [];
      if (!result.changes) {
        // Nothing to update: the state's certificate is the one the program keeps, so warn of it now.
        notifyExpiry(state, inputs.expiryWarningDays);
        return { changes: false, replaces, deleteBeforeReplace: false, properties: {} };
      }
      const stored = Object.keys(oldInputs).length > 0 ? bare(oldInputs) : state;
      return {
        changes: true,
        replaces,
        deleteBeforeReplace: result.deleteBeforeReplace ?? false,
        properties: propertyDiffs(stored, inputs, replaces),
      };
    });
  }

  create(urn: string, news: Properties): Promise<{ id: string; outputs: Properties }> {
    return forResource(urn, async () => {
      const { id, outs } = await this.operations.create(bare(news));
      const state = outs as CertificateState;
      notifyExpiry(state, state.expiryWarningDays);
      return { id, outputs: outputsOf(state, news) };
    });
  }

  /**
   * Refresh reads with the stored outputs and inputs, which stay as they are; `pulumi import`
   * with the id alone, and gets the inputs that declare the resource too.
   */
  read(
    urn: string,
    id: string,
    props: Properties,
    inputs: Properties,
  ): Promise<{ id: string; outputs?: Properties; inputs?: Properties }> {
    return forResource(urn, async () => {
      const read = await this.operations.read(id, bare(props) as CertificateState, urn);
      if (!read.id || !read.props) return { id: "" };
      notifyExpiry(read.props, read.props.expiryWarningDays);
      const declared = Object.keys(inputs).length > 0 ? inputs : importInputs(id);
      return { id: read.id, outputs: outputsOf(read.props, { ...props, ...inputs }), inputs: declared };
    });
  }

  update(urn: string, id: string, olds: Properties, news: Properties): Promise<Properties> {
    return forResource(urn, async () => {
      const { outs } = await this.operations.update(id, bare(olds) as CertificateState, bare(news));
      const state = outs as CertificateState;
      notifyExpiry(state, state.expiryWarningDays);
      return outputsOf(state, news);
    });
  }
}

/** The values without their secret marks. */
function bare(properties: Properties): Properties {
  return revealed(properties) as Properties;
}

/**
 * The outputs for the engine: the state and the derived outputs, the key forms and passwords
 * secret, and whatever came in secret kept so.
 */
function outputsOf(state: CertificateState, sent: Properties): Properties {
  const derived: Record<(typeof DERIVED_OUTPUTS)[number], string | undefined> = {
    entireCertificate: entireCertificateOf(state.certificate, state.certificateChain),
    combinedPem: combinedPemOf(state.privateKey, state.certificate, state.certificateChain),
    privateKeyPkcs8: privateKeyPkcs8Of(state.privateKey),
  };
  return forEngine({ ...state, ...derived }, [
    ...SECRET_OUTPUTS,
    ...DERIVED_SECRET_OUTPUTS,
    ...secretKeys(sent),
  ]);
}

/** Warns on the resource when its certificate expires within `expiryWarningDays` (30 unless a number). */
function notifyExpiry(state: CertificateState, expiryWarningDays: unknown): void {
  const notice = expiryNotice(state, typeof expiryWarningDays === "number" ? expiryWarningDays : undefined);
  if (notice) warn(notice);
}

/** The inputs that declare a resource adopted by its id alone: its certificate id, or its domain. */
function importInputs(id: string): Properties {
  const { certificateId, domain } = stateInputs(id, {});
  return domain !== undefined ? { domain } : { certificateId };
}
