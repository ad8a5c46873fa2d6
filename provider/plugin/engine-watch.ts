import * as grpc from "@grpc/grpc-js";

/** The gRPC health service's check, which every server Pulumi's engine runs answers. */
const HEALTH_CHECK = "/grpc.health.v1.Health/Check";

/** How often the engine is asked whether it is still there. */
export const ENGINE_CHECK_INTERVAL_MS = 30_000;

/** Refused checks in a row that mean it is gone: one could be a hiccup, mid-deployment. */
const REFUSED_IN_A_ROW = 2;

/**
 * Calls `onGone` once the engine that started the plugin can no longer be reached (its `pulumi`
 * killed or crashed), asking its health service every `intervalMs`, as Pulumi's Go providers ask
 * theirs (every 5 minutes, ending at the first failure; this is more often and more cautious).
 * Without this, a plugin whose engine died would listen on its port for ever. Only connections
 * refused twice in a row count: any answer, an error or `UNIMPLEMENTED` included, or a slow one,
 * means it is alive. Returns a function that stops watching.
 */
export function watchEngine(
  address: string,
  onGone: () => void,
  intervalMs = ENGINE_CHECK_INTERVAL_MS,
): () => void {
  // Straight to the engine on loopback: grpc-js would send it through an `https_proxy` or
  // `grpc_proxy` not excluded by `no_proxy`, which cannot reach it, and the engine would seem gone.
  const client = new grpc.Client(address, grpc.credentials.createInsecure(), { "grpc.enable_http_proxy": 0 });
  let stopped = false;
  let refused = 0;
  const stop = () => {
    stopped = true;
    clearInterval(timer);
    client.close();
  };
  const timer = setInterval(() => {
    client.makeUnaryRequest(
      HEALTH_CHECK,
      (request: Buffer) => request,
      (response: Buffer) => response,
      // An empty HealthCheckRequest: the server as a whole.
      Buffer.alloc(0),
      { deadline: Date.now() + intervalMs },
      (error) => {
        refused = error?.code === grpc.status.UNAVAILABLE ? refused + 1 : 0;
        if (stopped || refused < REFUSED_IN_A_ROW) return;
        stop();
        onGone();
      },
    );
  }, intervalMs);
  // The plugin's gRPC server is what keeps the process alive, not this.
  timer.unref();
  return stop;
}
