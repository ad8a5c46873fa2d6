import type { ProviderHost } from "../../harness/provider-host";
import type { NamedText } from "../../harness/secret-scan";

export {
  type NamedSecret,
  type NamedText,
  named,
  privateKeySecrets,
  secretFindings,
} from "../../harness/secret-scan";

/** An error as a user would see it: its message and its stack. */
export function errorText(error: unknown): string {
  return `${(error as Error).message}\n${(error as Error).stack}`;
}

/** Each error's message and stack, named "<label> <n>". */
export function errorTexts(errors: readonly unknown[], label = "error"): NamedText[] {
  return errors.map((error, i): NamedText => [`${label} ${i + 1}`, errorText(error)]);
}

/** What a provider host printed and reported to the engine, named after `label`. */
export function hostTexts(host: ProviderHost, label = "host"): NamedText[] {
  return [
    [`${label} stdout`, host.stdout],
    [`${label} stderr`, host.stderr],
    [`${label} diagnostics`, host.diagnosticText],
  ];
}
