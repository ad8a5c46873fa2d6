// How the engine writes a secret inside a `google.protobuf.Struct` to a provider that accepts
// secrets: an object under a signature key. The values are Pulumi's (`specialSigKey` and
// `specialSecretSig` in `@pulumi/pulumi/runtime/rpc`, `sig.Key` and `sig.Secret` in the Go SDK).
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

type Properties = Record<string, unknown>;

/** Whether `value` is a secret as the engine sends it. */
export function isSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" && value !== null && (value as Properties)[SIGNATURE_KEY] === SECRET_SIGNATURE
  );
}

/** `value` marked secret, as the engine reads it. */
export function secret(value: unknown): unknown {
  return isSecret(value) ? value : { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** `value` with every secret inside it replaced by what it holds. */
export function revealed(value: unknown): unknown {
  if (isSecret(value)) return revealed(value.value);
  if (Array.isArray(value)) return value.map(revealed);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, revealed(inner)]));
  }
  return value;
}

/** Whether `value` holds a secret anywhere inside it. */
function holdsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(holdsSecret);
  return false;
}

/** The properties the engine sent with a secret in them: what comes back keeps them secret. */
export function secretKeys(properties: Properties | undefined): string[] {
  return Object.entries(properties ?? {})
    .filter(([, value]) => holdsSecret(value))
    .map(([key]) => key);
}

/**
 * The properties for the engine: `undefined` ones left out (a Struct has no such value), and
 * those named in `secrets` marked secret.
 */
export function forEngine(properties: Properties, secrets: Iterable<string>): Properties {
  const marked = new Set(secrets);
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, marked.has(key) ? secret(value) : value]),
  );
}
