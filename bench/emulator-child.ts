/**
 * Runs an SCM emulator in a process of its own, so the benchmark process measures the client
 * alone (its CPU time, its event loop) as it would against a remote API. Driven over IPC by
 * {@link startEmulatorProcess}.
 */
import { type ScmEmulatorOptions, startScmEmulator } from "../emulator";
import type { EmulatorReply, EmulatorRequest } from "./emulator-process";

async function main(): Promise<void> {
  // The channel closed: the parent is gone, or this process was stopped. Nothing will ask again.
  process.once("disconnect", () => process.exit(0));
  const options = JSON.parse(process.argv[2] ?? "{}") as ScmEmulatorOptions;
  const scm = await startScmEmulator(options);
  const reply = (message: EmulatorReply) => process.send?.(message);
  process.on("message", (message: EmulatorRequest) => {
    switch (message.op) {
      case "stats": {
        const statuses: Record<string, number> = {};
        for (const entry of scm.requests) statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
        reply({
          id: message.id,
          stats: {
            connections: scm.connections,
            requests: scm.requests.length,
            statuses,
            cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
          },
        });
        return;
      }
      case "reset":
        scm.resetLog();
        reply({ id: message.id });
        return;
      case "stop":
        // Once the reply is written, closing the channel ends this process.
        scm
          .stop()
          .then(() => process.send?.({ id: message.id } satisfies EmulatorReply, () => process.disconnect()));
        return;
    }
  });
  reply({
    ready: {
      url: scm.url,
      token: scm.token,
      certificates: [...scm.certificates.values()].map((c) => ({ id: c.id, keyType: c.keyType })),
    },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
