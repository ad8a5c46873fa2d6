import { type ChaosFaultKind, type ScmEmulator, startScmEmulator } from "../emulator";
import { type CliResult, createProject, diagnosticsOf, PulumiStack } from "../harness/pulumi-cli";
import {
  CERTIFICATE_TYPE,
  certificatesOf,
  faultsUnaccounted,
  lostOrChanged,
  notAsScmServes,
  type StateResource,
  type StepRequests,
  stepRequests,
} from "./invariants";
import { chaosProgram } from "./program";
import { secretsLeaked } from "./secret-texts";

/** Ups beyond the planned two that a run may take to converge before it says it did not. */
const MAX_EXTRA_UPS = 5;

export interface ChaosRunOptions {
  /** Certificates in the stack. */
  readonly size: number;
  /** Share of SCM's answers that fail, 0 to 1. */
  readonly share: number;
  readonly seed: number;
  /** Retries per SCM call (`HW_MAX_RETRIES`); the package's default when absent. */
  readonly maxRetries?: number;
  /** The folder of the real `pulumi` CLI. */
  readonly cliDir: string;
  /** A program folder with the package installed from its tarball, TypeScript included. */
  readonly programDir: string;
  readonly log: (line: string) => void;
}

/** One command of the run, and what SCM and the engine saw during it. */
export interface ChaosStep extends StepRequests {
  readonly command: string;
  readonly seconds: number;
  readonly exitCode: number | null;
  readonly injected: Readonly<Record<ChaosFaultKind, number>>;
  /** Resources the engine reported an error for. */
  readonly failedResources: readonly string[];
  /** The distinct error messages, first ones first. */
  readonly errors: readonly string[];
}

/** An invariant of the run and, when it broke, how. */
export interface Invariant {
  readonly name: string;
  readonly broken: readonly string[];
}

export interface ChaosRunReport {
  readonly size: number;
  readonly share: number;
  readonly seed: number;
  readonly maxRetries: number | undefined;
  readonly steps: readonly ChaosStep[];
  /** Ups the run took beyond `up`, `refresh`, `up` to converge. */
  readonly extraUps: number;
  /** SCM answers that took a chaos draw, over the whole run. */
  readonly answers: number;
  readonly invariants: readonly Invariant[];
}

/**
 * A chaos run under the real engine: `up` of `size` certificates by id, `refresh`, `up` again
 * (and more ups while one reports errors), then `preview --expect-no-changes`, with the emulator
 * failing a seeded share of SCM's answers throughout. After each step, the state must have lost
 * nothing and hold what SCM serves; at the end, every resource must be there and no secret in
 * clear text anywhere.
 */
export async function runChaos(options: ChaosRunOptions): Promise<ChaosRunReport> {
  const { size, share, seed, log } = options;
  log(`chaos: ${size} certificates, ${share * 100} % of SCM's answers failing, seed ${seed}`);
  const report = { size, share, seed, maxRetries: options.maxRetries };
  const emulator = await startScmEmulator({
    certificates: Array.from({ length: size }, () => ({ keyType: "ec" as const })),
  });
  try {
    const ids = [...emulator.certificates.keys()];
    const dir = createProject(options.programDir, "scm-chaos", { "index.ts": chaosProgram(ids) });
    const stack = new PulumiStack(dir, "chaos", options.cliDir, {
      HW_SCM_ENDPOINT: emulator.url,
      HW_AUTH_TOKEN: emulator.token,
      ...(options.maxRetries === undefined ? {} : { HW_MAX_RETRIES: String(options.maxRetries) }),
    });
    await stack.run(["stack", "init"]);
    emulator.setChaos({ share, seed });
    return { ...report, ...(await new ChaosSteps(stack, emulator, log).run(size)) };
  } finally {
    await emulator.stop();
  }
}

/** The steps of one run, with what each one saw and broke. */
class ChaosSteps {
  readonly steps: ChaosStep[] = [];
  readonly results: CliResult[] = [];
  readonly lost: string[] = [];
  readonly wrong: string[] = [];
  readonly unaccounted: string[] = [];
  #state = new Map<string, StateResource>();

  constructor(
    readonly stack: PulumiStack,
    readonly emulator: ScmEmulator,
    readonly log: (line: string) => void,
  ) {}

  async run(size: number): Promise<Omit<ChaosRunReport, "size" | "share" | "seed" | "maxRetries">> {
    await this.step(["up", "--yes", "--skip-preview"]);
    await this.step(["refresh", "--yes", "--skip-preview"]);
    let last = await this.step(["up", "--yes", "--skip-preview"]);
    let extraUps = 0;
    while (last.exitCode !== 0 && extraUps < MAX_EXTRA_UPS) {
      extraUps += 1;
      last = await this.step(["up", "--yes", "--skip-preview"]);
    }
    const preview = await this.step(["preview", "--expect-no-changes"]);
    // Without --show-secrets: what a user would share.
    const exported = await this.stack.run(["stack", "export"]);
    const converged = [
      ...(this.#state.size === size ? [] : [`${this.#state.size} of ${size} resources in the state`]),
      ...(preview.exitCode === 0 ? [] : ["preview --expect-no-changes failed"]),
    ];
    return {
      steps: this.steps,
      extraUps,
      answers: this.emulator.chaos.answers,
      invariants: [
        { name: "nothing lost from the state at any step", broken: this.lost },
        { name: "every resource holds what SCM serves", broken: this.wrong },
        { name: "every fault retried, or the last answer of a call that failed", broken: this.unaccounted },
        { name: `converged to ${size} resources with no changes pending`, broken: converged },
        {
          name: "no secret in clear text (backend, project, command outputs, engine events)",
          broken: secretsLeaked(this.stack, [...this.results, exported], this.emulator),
        },
      ],
    };
  }

  /** Runs one command, then checks the state against the one before and against SCM. */
  async step(args: string[]): Promise<ChaosStep> {
    const command = args.filter((arg) => arg !== "--yes" && arg !== "--skip-preview").join(" ");
    const label = `${this.steps.length + 1}. ${command}`;
    this.log(`chaos: ${label}`);
    const injectedBefore = { ...this.emulator.chaos.injected };
    this.emulator.resetLog();
    const started = performance.now();
    const result = await this.stack.run(args, { allowFailure: true });
    const seconds = (performance.now() - started) / 1000;
    this.results.push(result);
    // The stack itself reports that the command failed: only the certificates' errors are calls.
    const errors = diagnosticsOf(result).filter(
      (d) => d.severity === "error" && d.urn.includes(`::${CERTIFICATE_TYPE}::`),
    );
    const failedResources = [...new Set(errors.map((d) => d.urn))];
    const requests = stepRequests(this.emulator.requests);
    const injected = Object.fromEntries(
      Object.entries(this.emulator.chaos.injected).map(([kind, n]) => [
        kind,
        n - injectedBefore[kind as ChaosFaultKind],
      ]),
    ) as Record<ChaosFaultKind, number>;
    const state = certificatesOf(await this.stack.exportState({ showSecrets: true }));
    this.lost.push(...lostOrChanged(this.#state, state).map((line) => `${label}: ${line}`));
    this.wrong.push(...notAsScmServes(state, this.emulator.certificates).map((line) => `${label}: ${line}`));
    const total = Object.values(injected).reduce((sum, n) => sum + n, 0);
    this.unaccounted.push(...faultsUnaccounted(label, total, requests, failedResources.length));
    this.#state = state;
    const step: ChaosStep = {
      command,
      seconds,
      exitCode: result.code,
      ...requests,
      injected,
      failedResources,
      errors: [...new Set(errors.map((d) => d.message))],
    };
    this.steps.push(step);
    return step;
  }
}
