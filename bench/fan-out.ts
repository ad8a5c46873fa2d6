import { urnOf } from "../harness/provider-host";
import { DEFAULT_CONNECTIONS } from "../provider/constants";
import { startEmulatorProcess } from "./emulator-process";
import { type BenchProgram, cpuSeconds, peakRssMiB } from "./packed-program";
import { atMost, type BenchRow } from "./report";

const CERTIFICATES = 500;
/** The provider's default pool size (ScmClientOptions.connections). */
const POOL_SIZE = DEFAULT_CONNECTIONS;

/**
 * 500 concurrent creates through one dynamic-provider host over gRPC, as `pulumi up` drives a
 * stack of 500 certificates: wall time, TCP connections the emulator accepted, errors, and the
 * host's peak resident memory. 500 distinct EC certificates (RSA keys take long to generate).
 */
export async function fanOutBench(program: BenchProgram, log: (line: string) => void): Promise<BenchRow[]> {
  log(`fan-out: ${CERTIFICATES} concurrent creates through one provider host`);
  const emulator = await startEmulatorProcess({
    certificates: Array.from({ length: CERTIFICATES }, () => ({ keyType: "ec" as const })),
  });
  const host = await program.startHost({ HW_AUTH_TOKEN: emulator.token, HW_SCM_ENDPOINT: emulator.url });
  try {
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
      { ...row, measure: `wall time, ${CERTIFICATES} concurrent creates`, value: wallMs / 1000, unit: "s" },
      atMost(
        { ...row, measure: "TCP connections the emulator accepted", value: stats.connections, unit: "" },
        POOL_SIZE,
      ),
      atMost({ ...row, measure: "errors", value: errors, unit: "" }, 0),
      { ...row, measure: "host peak RSS (VmHWM)", value: peakRssMiB(host.pid), unit: "MiB" },
      { ...row, measure: "host CPU per create", value: hostCpuMs / CERTIFICATES, unit: "ms" },
    ];
  } finally {
    await host.stop();
    await emulator.stop();
  }
}
