import { createPrivateKey, createPublicKey } from "node:crypto";
import type { AddressInfo } from "node:net";
import { connect, createSecureContext, createServer } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { combinedPem, encryptedPkcs8Pem, pkcs8Pem, readPrivateKey } from "../../provider/keystore";
import { openssl, pemBlocksOf } from "./consumer-tools";

let emulator: ScmEmulator;
let rsa: EmulatedCertificate;
let ec: EmulatedCertificate;

beforeAll(async () => {
  emulator = await startScmEmulator({
    certificates: [{ domain: "rsa.example.com" }, { domain: "ec.example.com", keyType: "ec" }],
  });
  [rsa, ec] = [...emulator.certificates.values()] as [EmulatedCertificate, EmulatedCertificate];
});

afterAll(() => emulator?.stop());

const spki = (pem: string) =>
  createPublicKey(createPrivateKey({ key: pem, format: "pem" }))
    .export({ type: "spki", format: "der" })
    .toString("base64");

/** The three forms SCM may return a key in. */
const forms = () => [
  ["PKCS#1 (RSA PRIVATE KEY)", rsa.privateKey],
  [
    "SEC 1 (EC PRIVATE KEY)",
    createPrivateKey(ec.privateKey).export({ type: "sec1", format: "pem" }).toString(),
  ],
  ["PKCS#8 (PRIVATE KEY)", ec.privateKey],
];

describe("privateKeyPkcs8", () => {
  it.each([0, 1, 2])("turns form %i into PKCS#8 that openssl pkey reads as the same key", (index) => {
    const [form, original] = forms()[index] as [string, string];
    const key = readPrivateKey(original);
    expect(key, form).toBeDefined();
    const pkcs8 = pkcs8Pem(key as NonNullable<typeof key>);
    expect(pkcs8.startsWith("-----BEGIN PRIVATE KEY-----\n"), form).toBe(true);
    const read = openssl(["pkey", "-pubout"], pkcs8);
    expect(read.status, read.stderr).toBe(0);
    expect(createPublicKey(read.stdout).export({ type: "spki", format: "der" }).toString("base64")).toBe(
      spki(original),
    );
  });

  it("is undefined for text Node cannot read as a key", () => {
    expect(readPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")).toBeUndefined();
  });
});

describe("encryptedPrivateKey", () => {
  const passphrase = "pass phrase ünïcode 42";

  it.each([0, 1, 2])(
    "encrypts form %i as AES-256-CBC PKCS#8 that openssl pkey opens with the passphrase",
    (index) => {
      const [form, original] = forms()[index] as [string, string];
      const encrypted = encryptedPkcs8Pem(
        readPrivateKey(original) as NonNullable<ReturnType<typeof readPrivateKey>>,
        passphrase,
      );
      expect(encrypted.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), form).toBe(true);
      const read = openssl(["pkey", "-passin", "env:PASSWORD", "-pubout"], encrypted, passphrase);
      expect(read.status, read.stderr).toBe(0);
      expect(createPublicKey(read.stdout).export({ type: "spki", format: "der" }).toString("base64")).toBe(
        spki(original),
      );
      const parsed = openssl(["asn1parse"], encrypted);
      expect(parsed.stdout).toContain("PBES2");
      expect(parsed.stdout).toContain("PBKDF2");
      expect(parsed.stdout).toContain("aes-256-cbc");
    },
  );

  it("is refused by openssl pkey under a wrong passphrase", () => {
    const encrypted = encryptedPkcs8Pem(
      readPrivateKey(rsa.privateKey) as NonNullable<ReturnType<typeof readPrivateKey>>,
      passphrase,
    );
    const read = openssl(["pkey", "-passin", "env:PASSWORD", "-noout"], encrypted, `${passphrase}x`);
    expect(read.status).not.toBe(0);
  });
});

describe("combinedPem", () => {
  it("holds the key, then the certificate, then the chain", () => {
    const combined = combinedPem(rsa.privateKey, `${rsa.certificate}${rsa.certificateChain}`);
    const labels = pemBlocksOf(combined).map((b) => b.split("\n")[0]);
    expect(labels).toEqual([
      "-----BEGIN RSA PRIVATE KEY-----",
      "-----BEGIN CERTIFICATE-----",
      "-----BEGIN CERTIFICATE-----",
      "-----BEGIN CERTIFICATE-----",
    ]);
    expect(pemBlocksOf(combined)[1]).toBe(rsa.certificate.trimEnd());
  });

  it.each(["rsa", "ec"])(
    "serves TLS from Node's createSecureContext (%s), the chain verified by a client",
    async (kind) => {
      const cert = kind === "rsa" ? rsa : ec;
      const combined = combinedPem(cert.privateKey, `${cert.certificate}${cert.certificateChain}`);
      const context = createSecureContext({ key: combined, cert: combined });
      // The context serves every name the client asks for: nothing but the combined PEM configures the server.
      const server = createServer({ SNICallback: (_name, done) => done(null, context) }, (socket) =>
        socket.end("ok"),
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const port = (server.address() as AddressInfo).port;
        const answer = await new Promise<string>((resolve, reject) => {
          const socket = connect(
            { host: "127.0.0.1", port, servername: cert.domain, ca: cert.caCertificate },
            () => {
              socket.setEncoding("utf8");
              let text = "";
              socket.on("data", (chunk) => (text += chunk));
              socket.on("end", () => resolve(text));
            },
          );
          socket.on("error", reject);
        });
        expect(answer).toBe("ok");
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    },
  );
});
