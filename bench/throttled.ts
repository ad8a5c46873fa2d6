import { urnOf } from "../harness/provider-host";
import { startEmulatorProcess } from "./emulator-process";
import type { BenchProgram } from "./packed-program";
import { atMost, type BenchRow } from "./report";

const CERTIFICATES = 500;
/**
 * Requests per second the emulator allows. Well under the host's unthrottled pace on a small
 * machine (about 100 creates per second on two cores), so the limit, not the host, sets the pace.
 */
const RATE_PER_SECOND = 50;

/**
 * 500 concurrent creates through one host, with the provider's default settings, against an
 * emulator that allows N requests per second (a token bucket holding N) and answers the rest with
 * 429 `APIGW.0308` and `Retry-After`. The ideal schedule is the earliest the bucket allows: N at
 * once from the full bucket, then N per second, (500 − N) / N seconds.
 */
export async function throttledBench(
  program: BenchProgram,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  log(`throttled: ${CERTIFICATES} concurrent creates, ${RATE_PER_SECOND} requests per second allowed`);
  const emulator = await startEmulatorProcess({
    rateLimitPerSecond: RATE_PER_SECOND,
    certificates: Array.from({ length: CERTIFICATES }, () => ({ keyType: "ec" as const })),
  });
  const host = await program.startHost({ HW_AUTH_TOKEN: emulator.token, HW_SCM_ENDPOINT: emulator.url });
  try {
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
    const ideal = (CERTIFICATES - RATE_PER_SECOND) / RATE_PER_SECOND;
    const row = { benchmark: "throttled" };
    return [
      atMost(
        {
          ...row,
          measure: `total time / ideal (${RATE_PER_SECOND} at once, then ${RATE_PER_SECOND}/s: ${ideal} s)`,
          value: seconds / ideal,
          unit: "×",
        },
        1.25,
        2,
      ),
      atMost({ ...row, measure: "errors", value: failed.length, unit: "" }, 0),
      { ...row, measure: "429 answers", value: stats.statuses["429"] ?? 0, unit: "" },
    ];
  } finally {
    await host.stop();
    await emulator.stop();
  }
}
