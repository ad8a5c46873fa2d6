import { inject } from "vitest";
import { type ScmEmulator, type ScmEmulatorOptions, startScmEmulator } from "../../emulator";
import { ProviderHost } from "../../harness/provider-host";
import { serializedProvider } from "../../harness/run-program";

/** An emulator, and Pulumi's dynamic-provider host of the packed install configured to reach it. */
export interface HostFixture {
  readonly emulator: ScmEmulator;
  readonly host: ProviderHost;
  /** The serialized `__provider` a program of the packed install registers. */
  readonly providerText: string;
  /** Stops the host, then the emulator. */
  stop(): Promise<void>;
}

/**
 * Starts an emulator and a host whose environment holds the emulator's endpoint and token (plus
 * `env`), and sends the host `configure` with `config`, as the engine does before any call.
 */
export async function startHostFixture(
  options: {
    emulator?: ScmEmulatorOptions;
    env?: Record<string, string>;
    config?: Record<string, string>;
  } = {},
): Promise<HostFixture> {
  const programDir = inject("programDir");
  const emulator = await startScmEmulator(options.emulator);
  let host: ProviderHost | undefined;
  const stop = async () => {
    await host?.stop();
    await emulator.stop();
  };
  try {
    const env = { HW_AUTH_TOKEN: emulator.token, HW_SCM_ENDPOINT: emulator.url, ...options.env };
    const providerText = await serializedProvider(programDir, env);
    host = await ProviderHost.start(programDir, env);
    await host.configure(options.config);
    return { emulator, host, providerText, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A time `days` days from now (negative: ago). */
export function inDays(days: number): Date {
  return new Date(Date.now() + days * 86_400_000);
}
