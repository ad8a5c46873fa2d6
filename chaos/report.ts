import type { ChaosFaultKind } from "../emulator";
import type { ChaosRunReport, ChaosStep } from "./chaos-run";

/** Column titles of the fault kinds, in the emulator's order. */
const KIND_TITLES: Readonly<Record<ChaosFaultKind, string>> = {
  reset: "reset",
  throttled: "429",
  "server-error": "5xx",
  html: "html",
  truncated: "cut",
};

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/** Lines as a fixed-width table, the first one the header. */
function table(lines: readonly (readonly string[])[]): string[] {
  const widths = (lines[0] ?? []).map((_, i) => Math.max(...lines.map((line) => (line[i] ?? "").length)));
  return lines.map((line) =>
    line
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

function stepLine(step: ChaosStep, i: number): string[] {
  const kinds = Object.keys(KIND_TITLES) as ChaosFaultKind[];
  return [
    `${i + 1}. ${step.command}`,
    `${step.seconds.toFixed(1)} s`,
    String(step.exitCode),
    String(step.requests),
    String(step.retries),
    String(sum(Object.values(step.injected))),
    ...kinds.map((kind) => String(step.injected[kind])),
    String(step.failedResources.length),
  ];
}

/** The report of a chaos run as a person reads it. */
export function formatChaosReport(report: ChaosRunReport): string {
  const kinds = Object.keys(KIND_TITLES) as ChaosFaultKind[];
  const injected = Object.fromEntries(
    kinds.map((kind) => [kind, sum(report.steps.map((step) => step.injected[kind]))]),
  ) as Record<ChaosFaultKind, number>;
  const faults = sum(Object.values(injected));
  const surfaced = sum(report.steps.map((step) => step.failedResources.length));
  const errors = [...new Set(report.steps.flatMap((step) => step.errors))];
  const lines = [
    `Chaos run: ${report.size} certificates, ${report.share * 100} % of SCM's answers failing, seed ${report.seed}, ` +
      `${report.maxRetries === undefined ? "the default retries" : `${report.maxRetries} retries`} per call`,
    "",
    ...table([
      [
        "step",
        "time",
        "exit",
        "SCM requests",
        "retries",
        "faults",
        ...kinds.map((k) => KIND_TITLES[k]),
        "errors",
      ],
      ...report.steps.map(stepLine),
    ]),
    "",
    `Faults injected: ${faults} of ${report.answers} SCM answers (${((faults / Math.max(report.answers, 1)) * 100).toFixed(1)} %): ` +
      kinds.map((kind) => `${KIND_TITLES[kind]} ${injected[kind]}`).join(", "),
    `Retries: ${sum(report.steps.map((step) => step.retries))}`,
    `Errors surfaced: ${surfaced} failed resource operations; ups beyond up, refresh, up: ${report.extraUps}`,
    ...errors.slice(0, 5).map((message) => `  ${message.split("\n")[0]}`),
    `Total time: ${sum(report.steps.map((step) => step.seconds)).toFixed(1)} s`,
    "",
    "Invariants:",
    ...report.invariants.flatMap((invariant) => [
      `  ${invariant.broken.length === 0 ? "holds " : "BROKEN"}  ${invariant.name}`,
      ...invariant.broken.slice(0, 10).map((line) => `          ${line}`),
      ...(invariant.broken.length > 10 ? [`          … and ${invariant.broken.length - 10} more`] : []),
    ]),
  ];
  return lines.join("\n");
}

/** True when every invariant held. */
export function invariantsHold(report: ChaosRunReport): boolean {
  return report.invariants.every((invariant) => invariant.broken.length === 0);
}
