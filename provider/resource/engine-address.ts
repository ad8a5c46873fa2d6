/**
 * The engine's address among the arguments the engine starts a provider with (the provider
 * plugin, and Pulumi's dynamic-provider host alike). With `--logflow` or `--tracing`, the engine
 * puts `--logtostderr`, `-v=<level>` and `--tracing <endpoint>` before it (Pulumi's `plugin.go`);
 * those are skipped as Pulumi's own Node.js provider server skips them. `undefined` when nothing
 * that looks like `host:port` is left.
 */
export function engineAddressIn(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--logtostderr" || arg.startsWith("-v=")) continue;
    if (arg === "--tracing") {
      i++;
      continue;
    }
    return /^[\w.-]+:\d+$/.test(arg) ? arg : undefined;
  }
  return undefined;
}
