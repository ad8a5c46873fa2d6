import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A certificate and the private key it was issued for, both PEM as OpenSSL wrote them. */
export interface KeyPair {
  readonly certificate: string;
  readonly privateKey: string;
}

/** `genpkey` options per key type. */
export const KEY_TYPES = {
  rsa2048: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
  p256: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
  p384: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
  ed25519: ["-algorithm", "ED25519"],
  sm2: ["-algorithm", "SM2"],
} as const;

/** Extension files for `openssl x509 -extfile`. */
export const EXTENSIONS = {
  root: "basicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n",
  intermediate:
    "basicConstraints = critical,CA:TRUE,pathlen:0\nkeyUsage = critical,keyCertSign,cRLSign\n" +
    "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid:always\n",
  leaf: (subjectAltName?: string): string =>
    "basicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature,keyEncipherment\n" +
    "extendedKeyUsage = serverAuth\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid:always\n" +
    (subjectAltName === undefined ? "" : `subjectAltName = ${subjectAltName}\n`),
} as const;

const MINIMAL_CONFIG = "[req]\ndistinguished_name = dn\n[dn]\n";
const CA_CONFIG =
  `${MINIMAL_CONFIG}[ca]\ndefault_ca = scm\n[scm]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\n` +
  "default_md = sha256\npolicy = any\nunique_subject = no\n[any]\ncommonName = supplied\n";

/** How to sign a certificate: by an issuer already in the workbench, or by its own key. */
export interface IssueOptions {
  /** The name of the issuing certificate and key; absent for a self-signed certificate. */
  readonly issuer?: string;
  readonly extensions: string;
  readonly days: number;
  /** As `openssl x509 -set_serial` takes it: decimal, or hex with `0x`. */
  readonly serial: string;
}

/**
 * A temporary folder where the `openssl` CLI makes keys and certificates, each file named after
 * what it holds (`rsa-leaf.key`, `rsa-leaf.pem`). Independent of the system's openssl.cnf.
 */
export class OpenSslWorkbench {
  readonly dir = mkdtempSync(join(tmpdir(), "scm-x509-"));
  private readonly config = this.write("minimal.cnf", MINIMAL_CONFIG);

  path(name: string): string {
    return join(this.dir, name);
  }

  read(name: string): string {
    return readFileSync(this.path(name), "utf8");
  }

  write(name: string, text: string): string {
    writeFileSync(this.path(name), text);
    return this.path(name);
  }

  /** Runs `openssl` in the folder and returns what it printed. */
  openssl(...args: readonly string[]): string {
    return execFileSync("openssl", args, {
      cwd: this.dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  /** Writes `name.key` (PKCS#8) and `name.csr` for `subject` (`/O=…/CN=…`). */
  keyAndRequest(name: string, keyType: readonly string[], subject: string): void {
    this.openssl("genpkey", ...keyType, "-out", this.path(`${name}.key`));
    this.request(name, subject);
  }

  /** Writes `name.csr` for an existing `name.key`. */
  request(name: string, subject: string): void {
    const key = this.path(`${name}.key`);
    this.openssl(
      "req",
      "-new",
      "-config",
      this.config,
      "-key",
      key,
      "-subj",
      subject,
      "-out",
      this.path(`${name}.csr`),
    );
  }

  /** Issues `name.pem` from `name.csr` with `openssl x509 -req`. */
  issue(name: string, options: IssueOptions): KeyPair {
    const signer =
      options.issuer === undefined
        ? ["-signkey", this.path(`${name}.key`)]
        : ["-CA", this.path(`${options.issuer}.pem`), "-CAkey", this.path(`${options.issuer}.key`)];
    const extfile = this.write(`${name}.ext`, options.extensions);
    this.openssl(
      ...["x509", "-req", "-in", this.path(`${name}.csr`), ...signer, "-extfile", extfile, "-sha256"],
      ...["-days", String(options.days), "-set_serial", options.serial, "-out", this.path(`${name}.pem`)],
    );
    return { certificate: this.read(`${name}.pem`), privateKey: this.read(`${name}.key`) };
  }

  /**
   * Issues `name.pem` from `name.csr` with explicit dates (`YYYYMMDDHHMMSSZ`) through `openssl ca`:
   * `openssl x509` (3.0) cannot backdate.
   */
  issueDated(name: string, issuer: string, dates: { start: string; end: string; serial: string }): KeyPair {
    const config = this.write("ca.cnf", CA_CONFIG);
    this.write("index.txt", "");
    this.write("serial", `${dates.serial}\n`);
    const extfile = this.write(`${name}.ext`, EXTENSIONS.leaf(`DNS:${name}.example.com`));
    this.openssl(
      ...["ca", "-batch", "-notext", "-config", config, "-cert", this.path(`${issuer}.pem`)],
      ...["-keyfile", this.path(`${issuer}.key`), "-in", this.path(`${name}.csr`), "-extfile", extfile],
      ...["-startdate", dates.start, "-enddate", dates.end, "-out", this.path(`${name}.pem`)],
    );
    return { certificate: this.read(`${name}.pem`), privateKey: this.read(`${name}.key`) };
  }

  /** A self-signed SM2 certificate (SM3 signature with the default distinguishing id). */
  selfSignedSm2(name: string, subject: string): KeyPair {
    this.openssl("genpkey", ...KEY_TYPES.sm2, "-out", this.path(`${name}.key`));
    this.openssl(
      ...["req", "-x509", "-new", "-sm3", "-sigopt", "distid:1234567812345678", "-days", "90"],
      ...[
        "-set_serial",
        "0x5302",
        "-config",
        this.config,
        "-key",
        this.path(`${name}.key`),
        "-subj",
        subject,
      ],
      ...["-out", this.path(`${name}.pem`)],
    );
    return { certificate: this.read(`${name}.pem`), privateKey: this.read(`${name}.key`) };
  }

  /** The subject key identifier of `name.pem`, as `AB:CD:…`. */
  subjectKeyIdentifier(name: string): string {
    const printed = this.openssl(
      "x509",
      "-noout",
      "-ext",
      "subjectKeyIdentifier",
      "-in",
      this.path(`${name}.pem`),
    );
    const identifier = printed.split("\n")[1]?.trim();
    if (identifier === undefined || identifier === "")
      throw new Error(`${name}.pem has no subject key identifier`);
    return identifier;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `YYYYMMDDHHMMSSZ`, the date form `openssl ca -startdate` takes. */
export function opensslDate(epochMs: number): string {
  return `${new Date(epochMs).toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
}
