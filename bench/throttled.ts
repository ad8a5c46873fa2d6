import { urnOf } from "../harness/provider-host";
import { type BenchProgram, withEmulatorAndHost } from "./packed-program";
import { atMost, type BenchRow, type BenchSize } from "./report";

/**
 * Certificates, and requests per second the emulator allows. The rate is well under the host's
 * unthrottled pace on a small machine (about 100 creates per second on two cores), so the limit,
 * not the host, sets the pace.
 */
const LOAD: Record<BenchSize, { certificates: number; ratePerSecond: number }> = {
  full: { certificates: 500, ratePerSecond: 50 },
  small: { certificates: 20, ratePerSecond: 10 },
};

/**
 * 500 concurrent creates through one host, with the provider's default settings, against an
 * emulator that allows N requests per second (a token bucket holding N) and answers the rest with
 * 429 `APIGW.0308` and `Retry-After`. The ideal schedule is the earliest the bucket allows: N at
 * once from the full bucket, then N per second, (500 − N) / N seconds.
 */
export async function throttledBench(
  program: BenchProgram,
  log: (line: string) => void,
  size: BenchSize = "full",
): Promise<BenchRow[]> {
  const { certificates, ratePerSecond } = LOAD[size];
  log(`throttled: ${certificates} concurrent creates, ${ratePerSecond} requests per second allowed`);
  const options = {
    rateLimitPerSecond: ratePerSecond,
    certificates: Array.from({ length: certificates }, () => ({ keyType: "ec" as const })),
  };
  return withEmulatorAndHost(program, options, async (emulator, host) => {
    await host.configure();
    // Let the bucket fill up after the emulator's start, so the run starts with a full bucket.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const start = performance.now();
    const results = await Promise.allSettled(
      emulator.certificates.map(({ id }, i) =>
        host.create(urnOf(`cert-${i}`), { __provider: program.providerText, certificateId: id }),
      ),
    );
    const seconds = (performance.now() - start) / 1000;
    const failed = results.filter((result) => result.status === "rejected");
    if (failed[0]) log(`throttled: first error: ${String(failed[0].reason).slice(0, 300)}`);
    const stats = await emulator.stats();
    const ideal = (certificates - ratePerSecond) / ratePerSecond;
    const row = { benchmark: "throttled" };
    return [
      atMost(
        {
          ...row,
          measure: `total time / ideal (${ratePerSecond} at once, then ${ratePerSecond}/s: ${ideal} s)`,
          value: seconds / ideal,
          unit: "×",
        },
        1.25,
        2,
      ),
      atMost({ ...row, measure: "errors", value: failed.length, unit: "" }, 0),
      { ...row, measure: "429 answers", value: stats.statuses["429"] ?? 0, unit: "" },
    ];
  });
}
