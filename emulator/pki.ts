import { DAY_MS } from "../provider/constants";
/**
 * The emulator's PKI: one root CA and one intermediate per process (generated once, on first
 * use), leaves issued on demand, and the HTTPS server certificate for 127.0.0.1.
 */

// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata polyfill.
import "reflect-metadata";
import { randomBytes, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { generateKey, type KeyMaterial } from "./key-pool";

x509.cryptoProvider.set(webcrypto);

const SIGNING_ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

/** A certificate that can sign others. */
export interface Issuer {
  readonly certificate: x509.X509Certificate;
  readonly signingKey: webcrypto.CryptoKey;
  readonly pem: string;
}

/** The process-wide authority: root and intermediate. */
export interface Authority {
  readonly root: Issuer;
  readonly intermediate: Issuer;
}

/** The private key as the export serves it: PKCS#1 for RSA (as SCM shows it), PKCS#8 for EC. */
export function privateKeyPem(key: KeyMaterial): string {
  const type = key.keyType === "rsa" ? "pkcs1" : "pkcs8";
  return key.privateKey.export({ type, format: "pem" }).toString();
}

function spki(key: KeyMaterial): ArrayBuffer {
  const der = key.publicKey.export({ type: "spki", format: "der" });
  return der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer;
}

/** A positive serial number of 16 bytes, hex. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 1) & 0x7f) | 0x01;
  return bytes.toString("hex");
}

async function createIssuer(
  name: string,
  key: KeyMaterial,
  parent: Issuer | undefined,
  pathLength: number,
): Promise<Issuer> {
  const pkcs8 = key.privateKey.export({ type: "pkcs8", format: "der" });
  const signingKey = await webcrypto.subtle.importKey("pkcs8", pkcs8, SIGNING_ALGORITHM, false, ["sign"]);
  const publicKey = spki(key);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
  ];
  if (parent)
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(parent.certificate.publicKey));
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${name}, O=SCM Emulator`,
    issuer: parent ? parent.certificate.subject : `CN=${name}, O=SCM Emulator`,
    notBefore: new Date(Date.now() - 2 * DAY_MS),
    notAfter: new Date(Date.now() + 20 * 365 * DAY_MS),
    publicKey,
    signingKey: parent ? parent.signingKey : signingKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions,
  });
  return { certificate, signingKey, pem: certificate.toString("pem") };
}

let authority: Promise<Authority> | undefined;

/** The process-wide root and intermediate, created on first call. */
export function getAuthority(): Promise<Authority> {
  authority ??= (async () => {
    const [rootKey, intermediateKey] = await Promise.all([generateKey("rsa"), generateKey("rsa")]);
    const root = await createIssuer("SCM Emulator Root CA", rootKey, undefined, 1);
    const intermediate = await createIssuer("SCM Emulator Intermediate CA", intermediateKey, root, 0);
    return { root, intermediate };
  })();
  return authority;
}

/** What a leaf needs besides its issuer. */
export interface LeafParams {
  readonly key: KeyMaterial;
  readonly domain: string;
  readonly sans: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCa?: boolean;
}

/** Issues a TLS server leaf and returns its PEM. */
export async function issueLeaf(issuer: Issuer, params: LeafParams): Promise<string> {
  const publicKey = spki(params.key);
  const { digitalSignature, keyEncipherment, keyCertSign } = x509.KeyUsageFlags;
  // A CA leaf also gets keyCertSign, without which OpenSSL does not count it as a CA.
  const usages =
    (params.key.keyType === "rsa" ? digitalSignature | keyEncipherment : digitalSignature) |
    (params.isCa ? keyCertSign : 0);
  const names = [
    ...params.sans.map((value) => ({ type: "dns" as const, value })),
    ...(params.ipAddresses ?? []).map((value) => ({ type: "ip" as const, value })),
  ];
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${params.domain}`,
    issuer: issuer.certificate.subject,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey,
    signingKey: issuer.signingKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(params.isCa ?? false, undefined, true),
      new x509.KeyUsagesExtension(usages, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.certificate.publicKey),
    ],
  });
  return certificate.toString("pem");
}

/** The HTTPS server's certificate and key, for 127.0.0.1 and localhost, signed by the root. */
export async function serverCredentials(): Promise<{ cert: string; key: string; ca: string }> {
  const { root } = await getAuthority();
  const key = await generateKey("ec");
  const cert = await issueLeaf(root, {
    key,
    domain: "localhost",
    sans: ["localhost"],
    ipAddresses: ["127.0.0.1"],
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + 365 * DAY_MS),
  });
  return { cert, key: key.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), ca: root.pem };
}
