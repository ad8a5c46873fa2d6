import { randomBytes } from "node:crypto";
import { expect, inject } from "vitest";
import type { ScmEmulator } from "../../emulator";
import { ProviderHost } from "../../harness/provider-host";
import { errorTexts, hostTexts, type NamedText } from "../support/secret-scan";

/** Certificate ids SCM would never accept, each 16 characters unless its length is the fault. */
export const BAD_IDS: readonly (readonly [what: string, id: string])[] = [
  ["too short", "scs162795983499"],
  ["too long", "scs16279598349941"],
  ["with /", "scs1627959/34994"],
  ["with ..", "scs..2795983499."],
  ["with %2F", "scs%2F7959834994"],
  ["with a space", "scs 627959834994"],
  ["with unicode", "scs16279598349é4"],
  ["with a newline", "scs162795983499\n"],
  ["empty", ""],
];

/** What a password in an endpoint URL looks like: it must not come back in any message. */
export const URL_PASSWORD = "url-password-0123456789";

/** Endpoints that are not SCM endpoints, and what the error says about each. */
export const BAD_ENDPOINTS: readonly (readonly [what: string, endpoint: string, reason: RegExp])[] = [
  ["not a URL", "scm.example.com", /must be an absolute URL/],
  ["another scheme", "ftp://127.0.0.1:21", /must use https:\/\//],
  ["a javascript: URL", "javascript:alert(1)", /must use https:\/\//],
  ["credentials in the URL", `http://admin:${URL_PASSWORD}@127.0.0.1:1`, /must not carry credentials/],
  ["a query", "https://scm.example.com/?x=1", /must not have a query or a fragment/],
];

/** An IAM token too short to be one. */
export const SHORT_TOKEN = "short-token-0123456789";
/** One character over SCM's limit for an IAM token (too long for an environment variable). */
export const LONG_TOKEN = randomBytes(1_572_866).toString("base64url").slice(0, 2_097_153);

/** The emulator's URL made into an endpoint setting that is not valid, and what the error says. */
export const BAD_ENDPOINT_SETTINGS: readonly (readonly [
  what: string,
  endpointOf: (url: string) => string,
  reason: RegExp,
])[] = [
  [
    "credentials in the URL",
    (url) => url.replace("http://", `http://admin:${URL_PASSWORD}@`),
    /must not carry credentials/,
  ],
  ["another scheme", (url) => url.replace("http://", "ftp://"), /must use https:\/\//],
  ["not a URL", (url) => url.replace("http://", ""), /must be an absolute URL/],
];

/** Other arguments that are not valid, each with the property `check` names. */
export const BAD_ARGUMENTS: readonly (readonly [
  what: string,
  props: Record<string, unknown>,
  property: string,
])[] = [
  ["triggers as a string", { triggers: "rotate" }, "triggers"],
  ["triggers as a number", { triggers: 5 }, "triggers"],
  ["triggers as an object", { triggers: { rotate: true } }, "triggers"],
  ["triggers as a boolean", { triggers: true }, "triggers"],
  ["a region that is not one", { region: "Mars 1" }, "region"],
  ["expiryWarningDays below zero", { expiryWarningDays: -1 }, "expiryWarningDays"],
  ["expiryWarningDays as text", { expiryWarningDays: "30" }, "expiryWarningDays"],
  ["an enterpriseProjectId that is not a UUID", { enterpriseProjectId: "../x" }, "enterpriseProjectId"],
  ["a domain that is not a name", { certificateId: undefined, domain: "shop example com" }, "domain"],
];

/** Starts a provider for a bad-input suite, with this environment. */
export type StartHost = (env: NodeJS.ProcessEnv) => Promise<ProviderHost>;

/**
 * The bookkeeping of a bad-input suite: every host it started (stopped in teardown), every error
 * (scanned for secrets), and how many inputs were tried, each with the emulator's log unchanged.
 */
export class BadInputLedger {
  readonly hosts: ProviderHost[] = [];
  readonly errors: unknown[] = [];
  tried = 0;

  /** @param start the provider to try: by default, Pulumi's dynamic-provider host in the packed install */
  constructor(
    private readonly emulator: () => ScmEmulator,
    private readonly start: StartHost = (env) => ProviderHost.start(inject("programDir"), env),
  ) {}

  /** Runs `attempt` and checks that the emulator saw no request meanwhile. */
  async sendsNothing<T>(attempt: () => Promise<T>): Promise<T> {
    const before = this.emulator().requests.length;
    const result = await attempt();
    expect(this.emulator().requests.length).toBe(before);
    this.tried += 1;
    return result;
  }

  /** Starts a provider, configured with `config`. */
  async startHost(env: NodeJS.ProcessEnv, config: Record<string, unknown> = {}): Promise<ProviderHost> {
    const host = await this.start(env);
    this.hosts.push(host);
    await host.configure(config);
    return host;
  }

  /** Every host's output and every error, as texts to scan. */
  texts(): NamedText[] {
    return [...this.hosts.flatMap((h, i) => hostTexts(h, `host ${i + 1}`)), ...errorTexts(this.errors)];
  }

  async stop(): Promise<void> {
    await Promise.all(this.hosts.map((h) => h.stop()));
  }
}
