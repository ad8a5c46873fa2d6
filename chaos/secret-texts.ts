import type { ScmEmulator } from "../emulator";
import type { CliResult, PulumiStack } from "../harness/pulumi-cli";
import { filesUnder, type NamedSecret, privateKeySecrets, secretFindings } from "../harness/secret-scan";

/**
 * Every secret of a run found in clear text, as "<secret> found in <where>": the token and each
 * certificate's private key, looked for in the backend's files, the project's YAML, every
 * command's output and the engine's events. Pulumi's SDK logs each registration's answer, secrets
 * in plain text, at debug level (shown with --debug or -v only): those events are left out.
 */
export function secretsLeaked(
  stack: PulumiStack,
  results: readonly CliResult[],
  emulator: ScmEmulator,
): string[] {
  const secrets: NamedSecret[] = [
    ["the token", emulator.token],
    ...[...emulator.certificates.values()].flatMap((c) =>
      privateKeySecrets(`the private key of ${c.id}`, c.privateKey, [c.certificate, c.certificateChain]),
    ),
  ];
  const texts = [
    ...filesUnder(stack.backend),
    ...filesUnder(stack.dir).filter((f) => f.path.endsWith(".yaml")),
    ...results.map((r, i) => ({ path: `the output of command ${i + 1}`, text: `${r.stdout}\n${r.stderr}` })),
    ...results.map((r, i) => ({
      path: `the events of command ${i + 1}`,
      text: JSON.stringify(r.events.filter((e) => e.diagnosticEvent?.severity !== "debug")),
    })),
  ];
  return secretFindings(
    secrets,
    texts.map(({ path, text }) => [path, text] as const),
  );
}
