import { spawnSync } from "node:child_process";

/** What the `openssl` CLI reports for a certificate, in the shape of the package's metadata. */
export interface OpenSslReport {
  readonly notBefore: string;
  readonly notAfter: string;
  readonly serialNumber: string;
  readonly fingerprintSha256: string;
  readonly subject: string;
  readonly subjectAlternativeNames: string[];
  readonly issuer: string;
  readonly keyAlgorithm: string;
}

/** Names on one line, RFC 2253 escaping, short attribute names, `, ` and ` + ` separators. */
const NAME_OPTIONS = "esc_2253,esc_ctrl,utf8,sep_comma_plus_space,sname";

/** Runs `openssl x509` on a PEM; `undefined` when OpenSSL cannot parse it. */
export function opensslReport(pem: string): OpenSslReport | undefined {
  const run = spawnSync(
    "openssl",
    [
      ...["x509", "-noout", "-dates", "-serial", "-fingerprint", "-sha256", "-subject", "-issuer"],
      ...["-ext", "subjectAltName", "-text", "-nameopt", NAME_OPTIONS],
    ],
    { input: pem, encoding: "utf8" },
  );
  if (run.status !== 0) return undefined;
  const lines = run.stdout.split("\n");
  const field = (prefix: string): string => {
    const line = lines.find((candidate) => candidate.startsWith(prefix));
    if (line === undefined) throw new Error(`openssl printed no ${prefix}`);
    return line.slice(prefix.length);
  };
  const subject = field("subject=");
  return {
    notBefore: rfc3339(field("notBefore=")),
    notAfter: rfc3339(field("notAfter=")),
    serialNumber: field("serial="),
    fingerprintSha256: field("sha256 Fingerprint="),
    subject: commonNameOf(subject) ?? subject,
    subjectAlternativeNames: subjectAlternativeNames(lines),
    issuer: field("issuer="),
    keyAlgorithm: keyAlgorithm(run.stdout),
  };
}

/** `Dec  7 20:54:20 2026 GMT` → `2026-12-07T20:54:20Z`. */
function rfc3339(opensslDate: string): string {
  const match = /^(\w{3}) +(\d+) (\d\d:\d\d:\d\d) (\d{4}) GMT$/.exec(opensslDate);
  if (match === null) throw new Error(`unexpected openssl date ${opensslDate}`);
  const [, month = "", day = "", time = "", year = ""] = match;
  const monthNumber = "JanFebMarAprMayJunJulAugSepOctNovDec".indexOf(month) / 3 + 1;
  return `${year}-${String(monthNumber).padStart(2, "0")}-${day.padStart(2, "0")}T${time}Z`;
}

function commonNameOf(name: string): string | undefined {
  const attributes = name.split(/(?<!\\), | \+ /);
  const value = attributes.findLast((attribute) => attribute.startsWith("CN="))?.slice(3);
  return value?.replace(/\\(.)/g, "$1");
}

/** The line after `X509v3 Subject Alternative Name:`, DNS names and IP addresses only. */
function subjectAlternativeNames(lines: readonly string[]): string[] {
  const header = lines.findIndex((line) => line.startsWith("X509v3 Subject Alternative Name:"));
  if (header === -1) return [];
  return (lines[header + 1] ?? "")
    .trim()
    .split(", ")
    .flatMap((entry) => {
      const match = /^(DNS|IP Address):(.*)$/.exec(entry);
      return match?.[2] === undefined ? [] : [match[2]];
    });
}

/** From `-text`: `rsaEncryption` + `(2048 bit)` → `RSA-2048`; `NIST CURVE: P-256` → `EC-P256`; … */
function keyAlgorithm(text: string): string {
  const algorithm = /Public Key Algorithm: (\S+)/.exec(text)?.[1];
  switch (algorithm) {
    case "rsaEncryption":
      return `RSA-${/Public-Key: \((\d+) bit\)/.exec(text)?.[1]}`;
    case "id-ecPublicKey": {
      const nist = /NIST CURVE: P-(\d+)/.exec(text)?.[1];
      if (nist !== undefined) return `EC-P${nist}`;
      const oid = /ASN1 OID: (\S+)/.exec(text)?.[1];
      return oid === "SM2" ? "SM2" : `EC-${oid}`;
    }
    case "ED25519":
      return "Ed25519";
    default:
      throw new Error(`unexpected public key algorithm ${algorithm}`);
  }
}
