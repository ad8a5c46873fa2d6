import { isDeepStrictEqual } from "node:util";
import type { EmulatedCertificate } from "../emulator";
import type { StackState } from "../harness/pulumi-cli";

/** The type token of the package's resource in a state. */
export const CERTIFICATE_TYPE = "pulumi-nodejs:dynamic:ScmExportedCertificate";

/** One resource as `pulumi stack export --show-secrets` writes it. */
export type StateResource = NonNullable<StackState["deployment"]["resources"]>[number];

/** The package's resources in a state, by URN. */
export function certificatesOf(state: StackState): Map<string, StateResource> {
  return new Map(
    (state.deployment.resources ?? []).filter((r) => r.type === CERTIFICATE_TYPE).map((r) => [r.urn, r]),
  );
}

/**
 * What a step lost: every resource of `before` missing from `after`, or holding other outputs
 * (named), as one line each. Empty when nothing was lost.
 */
export function lostOrChanged(
  before: ReadonlyMap<string, StateResource>,
  after: ReadonlyMap<string, StateResource>,
): string[] {
  const lost: string[] = [];
  for (const [urn, was] of before) {
    const now = after.get(urn);
    if (!now) {
      lost.push(`${urn}: gone from the state`);
      continue;
    }
    const names = new Set([...Object.keys(was.outputs ?? {}), ...Object.keys(now.outputs ?? {})]);
    const changed = [...names].filter((name) => !isDeepStrictEqual(was.outputs?.[name], now.outputs?.[name]));
    if (changed.length > 0) lost.push(`${urn}: outputs changed (${changed.sort().join(", ")})`);
  }
  return lost;
}

/** A value as the program sees it: a secret exported with `--show-secrets` is `{ plaintext }` holding JSON. */
function plain(value: unknown): unknown {
  if (typeof value === "object" && value !== null && "plaintext" in value) {
    return JSON.parse(String((value as { plaintext: unknown }).plaintext));
  }
  return value;
}

/**
 * Resources whose certificate, private key or id is not what SCM serves for the certificate they
 * name, as one line each. Empty when every resource holds SCM's certificate.
 */
export function notAsScmServes(
  resources: ReadonlyMap<string, StateResource>,
  certificates: ReadonlyMap<string, EmulatedCertificate>,
): string[] {
  const wrong: string[] = [];
  for (const [urn, resource] of resources) {
    const id = plain(resource.outputs?.certificateId);
    const served = typeof id === "string" ? certificates.get(id) : undefined;
    if (!served) {
      wrong.push(`${urn}: names no certificate SCM holds (${String(id)})`);
      continue;
    }
    const differing: string[] = (["certificate", "privateKey"] as const).filter(
      (name) => plain(resource.outputs?.[name]) !== served[name],
    );
    if (resource.id !== served.id) differing.unshift("id");
    if (differing.length > 0) wrong.push(`${urn}: ${differing.join(", ")} not as SCM serves ${served.id}`);
  }
  return wrong;
}

/** What one step asked of SCM, from the requests the emulator saw during it. */
export interface StepRequests {
  /** SCM requests (list, show, export). */
  readonly requests: number;
  /** Certificates asked for: one call each, as a step asks for each certificate once. */
  readonly calls: number;
  /** Requests beyond the first for each certificate: the client's retries. */
  readonly retries: number;
}

/** Counts a step's SCM requests by the certificate each names (IAM's and others' are not counted). */
export function stepRequests(log: readonly { certificateId?: string }[]): StepRequests {
  const scm = log.filter((entry) => entry.certificateId !== undefined);
  const calls = new Set(scm.map((entry) => entry.certificateId)).size;
  return { requests: scm.length, calls, retries: scm.length - calls };
}

/**
 * Every fault a step injected was seen by the client: retried, or the last answer of a call that
 * failed. Each call ends with one good answer or with a fault, so faults = retries + failed calls;
 * a fault taken for a good answer (a cut-off body accepted) or a good answer retried breaks it.
 */
export function faultsUnaccounted(
  step: string,
  injected: number,
  requests: StepRequests,
  failedCalls: number,
): string[] {
  const accounted = requests.retries + failedCalls;
  return injected === accounted
    ? []
    : [
        `${step}: ${injected} faults injected, but ${requests.retries} retries + ${failedCalls} failed calls = ${accounted}`,
      ];
}
