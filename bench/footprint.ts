import { type ProviderHost, urnOf } from "../harness/provider-host";
import { startEmulatorProcess } from "./emulator-process";
import type { BenchProgram } from "./packed-program";
import { atMost, type BenchRow } from "./report";

/**
 * What each resource costs to keep and to start: the serialized `__provider` a program stores in
 * every resource's state, and the host's cold start (spawn, port printed, configure, first create).
 */
export async function footprintBench(
  program: BenchProgram,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  log("footprint: serialized provider and the host's cold start");
  const emulator = await startEmulatorProcess();
  let host: ProviderHost | undefined;
  try {
    const id = emulator.certificates[0]?.id as string;
    const start = performance.now();
    host = await program.startHost({ HW_AUTH_TOKEN: emulator.token, HW_SCM_ENDPOINT: emulator.url });
    const listening = performance.now();
    await host.configure();
    const created = await host.create(urnOf("first"), {
      __provider: program.providerText,
      certificateId: id,
    });
    const done = performance.now();
    if (created.id !== id) throw new Error(`the first create returned id ${created.id}`);
    const row = { benchmark: "footprint" };
    return [
      atMost(
        {
          ...row,
          measure: "serialized __provider",
          value: Buffer.byteLength(program.providerText),
          unit: "bytes",
        },
        4096,
      ),
      { ...row, measure: "cold start: spawn → first create returns", value: done - start, unit: "ms" },
      { ...row, measure: "of which spawn → port printed", value: listening - start, unit: "ms" },
    ];
  } finally {
    await host?.stop();
    await emulator.stop();
  }
}
