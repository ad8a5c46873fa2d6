import { Agent, request } from "undici";
import {
  DEFAULT_CONNECTIONS,
  exportPath,
  HEADER_AUTH_TOKEN,
  KEEP_ALIVE_TIMEOUT_MS,
} from "../provider/constants";
import type { EmulatorProcess } from "./emulator-process";

/** The package as built in `dist/`. */
export type Provider = typeof import("../provider");

/** Three ways of exporting one certificate: the provider's `create`, the client alone, and bare undici. */
export function exportPaths(provider: Provider, emulator: EmulatorProcess) {
  const id = emulator.certificates.find((c) => c.keyType === "rsa")?.id as string;
  // The provider resolves its settings from the environment when a call runs, as in the host.
  process.env.HW_AUTH_TOKEN = emulator.token;
  process.env.HW_SCM_ENDPOINT = emulator.url;
  // The provider's methods use its private state: called on it, as the host calls them.
  const implementation = provider.scmExportedCertificateProvider;
  const client = new provider.ScmClient({
    endpoint: emulator.url,
    credentials: { kind: "token", token: emulator.token },
  });
  // The same pool settings as the provider's shared pool (provider/http/connection-pool.ts).
  const agent = new Agent({ connections: DEFAULT_CONNECTIONS, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS });
  const url = `${emulator.url}${exportPath(id)}`;
  const headers = {
    accept: "application/json",
    "content-type": "application/json",
    [HEADER_AUTH_TOKEN]: emulator.token,
  };
  return {
    /** One export through the client, for a sample of what SCM sends. */
    exportOnce: () => client.exportCertificate(id),
    create: async () => {
      const result = await implementation.create({ certificateId: id });
      if (result.id !== id) throw new Error(`create returned id ${result.id}`);
    },
    client: async () => {
      await client.exportCertificate(id);
    },
    raw: async () => {
      const response = await request(url, { method: "POST", dispatcher: agent, headers, body: "{}" });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`raw export answered ${response.statusCode}`);
      JSON.parse(text);
    },
    close: () => agent.close(),
  };
}
