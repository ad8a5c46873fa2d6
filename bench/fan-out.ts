import { urnOf } from "../harness/provider-host";
import { DEFAULT_CONNECTIONS } from "../provider/constants";
import { type BenchProgram, cpuSeconds, peakRssMiB, withEmulatorAndHost } from "./packed-program";
import { atMost, type BenchRow, type BenchSize } from "./report";

const CERTIFICATES: Record<BenchSize, number> = { full: 500, small: 10 };
/** The provider's default pool size (ScmClientOptions.connections). */
const POOL_SIZE = DEFAULT_CONNECTIONS;

/**
 * 500 concurrent creates through one dynamic-provider host over gRPC, as `pulumi up` drives a
 * stack of 500 certificates: wall time, TCP connections the emulator accepted, errors, and the
 * host's peak resident memory. 500 distinct EC certificates (RSA keys take long to generate).
 */
export async function fanOutBench(
  program: BenchProgram,
  log: (line: string) => void,
  size: BenchSize = "full",
): Promise<BenchRow[]> {
  const certificates = CERTIFICATES[size];
  log(`fan-out: ${certificates} concurrent creates through one provider host`);
  const options = { certificates: Array.from({ length: certificates }, () => ({ keyType: "ec" as const })) };
  return withEmulatorAndHost(program, options, async (emulator, host) => {
    await host.configure();
    const cpuBefore = cpuSeconds(host.pid);
    const start = performance.now();
    const results = await Promise.allSettled(
      emulator.certificates.map(({ id }, i) =>
        host.create(urnOf(`cert-${i}`), { __provider: program.providerText, certificateId: id }),
      ),
    );
    const wallMs = performance.now() - start;
    const hostCpuMs = (cpuSeconds(host.pid) - cpuBefore) * 1000;
    const errors = results.filter(
      (result, i) => result.status === "rejected" || result.value.id !== emulator.certificates[i]?.id,
    ).length;
    const stats = await emulator.stats();
    const row = { benchmark: "fan-out" };
    return [
      { ...row, measure: `wall time, ${certificates} concurrent creates`, value: wallMs / 1000, unit: "s" },
      atMost(
        { ...row, measure: "TCP connections the emulator accepted", value: stats.connections, unit: "" },
        POOL_SIZE,
      ),
      atMost({ ...row, measure: "errors", value: errors, unit: "" }, 0),
      { ...row, measure: "host peak RSS (VmHWM)", value: peakRssMiB(host.pid), unit: "MiB" },
      { ...row, measure: "host CPU per create", value: hostCpuMs / certificates, unit: "ms" },
    ];
  });
}
