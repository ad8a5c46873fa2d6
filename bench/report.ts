/** One measured value, with its goal when it has one. */
export interface BenchRow {
  readonly benchmark: string;
  readonly measure: string;
  readonly value: number;
  readonly unit: string;
  /** The goal as text, e.g. `≤ 1.10`; absent for values that are reported, not judged. */
  readonly goal?: string;
  readonly pass?: boolean;
}

/**
 * How much work a bench does: `full` for the figures the README quotes; `small` for a few calls
 * of each, to check that every bench runs, exits and cleans up (the test suite runs them so).
 */
export type BenchSize = "full" | "small";

/**
 * The rows as a run of this size judges them. A small run reports its ratios (unit `×`) without
 * judging them: they compare times, and a few calls time nothing. Counts stay judged (errors,
 * connections, requests per call): they hold at any size.
 */
export function judgedAt(size: BenchSize, rows: readonly BenchRow[]): BenchRow[] {
  return rows.map((row) => {
    if (size === "full" || row.unit !== "×") return row;
    const { goal: _goal, pass: _pass, ...reported } = row;
    return reported;
  });
}

/** A row judged against an upper bound. */
export function atMost(row: Omit<BenchRow, "goal" | "pass">, limit: number, digits = 0): BenchRow {
  return { ...row, goal: `≤ ${limit.toFixed(digits)}`, pass: row.value <= limit };
}

function formatValue(row: BenchRow): string {
  const digits = Number.isInteger(row.value) ? 0 : Math.abs(row.value) < 10 ? 2 : 1;
  return `${row.value.toFixed(digits)}${row.unit ? ` ${row.unit}` : ""}`;
}

/** The rows as a fixed-width text table. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ["benchmark", "measure", "value", "goal", "result"];
  const cells = rows.map((row) => [
    row.benchmark,
    row.measure,
    formatValue(row),
    row.goal ?? "",
    row.pass === undefined ? "reported" : row.pass ? "pass" : "FAIL",
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...cells.map((line) => (line[i] ?? "").length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i] ?? 0))
      .join(" | ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...cells.map(line)].join("\n");
}
