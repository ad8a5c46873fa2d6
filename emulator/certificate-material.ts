/** Turns a resolved certificate description into the PEM the export serves, with every variant. */

import { randomBytes } from "node:crypto";
import { takeKey } from "./key-pool";
import { type Authority, issueLeaf, privateKeyPem } from "./pki";
import type { CertificateSpec, EmulatedCertificate } from "./types";

/** A certificate's description with every default filled in, kept so it can be re-issued. */
export type ResolvedSpec = Readonly<Required<CertificateSpec>>;

/** One PEM block ending in exactly one newline. */
function pemBlock(pem: string): string {
  return `${pem.trim()}\n`;
}

function withLineEnding(pem: string, lineEnding: "lf" | "crlf"): string {
  return lineEnding === "crlf" ? pem.replace(/\r?\n/g, "\r\n") : pem;
}

/** DER length octets for lengths below 64 KiB. */
function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x100) return Buffer.from([0x81, length]);
  return Buffer.from([0x82, length >> 8, length & 0xff]);
}

function derSequence(content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x30]), derLength(content.length), content]);
}

/**
 * Well-formed PEM armour around DER that is no certificate OpenSSL can parse: stands in for an
 * SM2 ("national cryptography") certificate that Node cannot read.
 */
function unparsableCertificatePem(): string {
  const filler = randomBytes(600);
  const octetString = Buffer.concat([Buffer.from([0x04]), derLength(filler.length), filler]);
  const der = derSequence(derSequence(Buffer.concat([Buffer.from([0x02, 0x01, 0x02]), octetString])));
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

/**
 * Base64 DER shaped like GM/T 0010's SM2 enveloped key: the SM4 algorithm, the symmetric key
 * encrypted to the signing key, the encryption public key and the encrypted private key. The
 * bytes are random: it stands in for an envelope, it does not open.
 */
function sm2EnvelopeBase64(): string {
  const tlv = (tag: number, content: Buffer) =>
    Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
  const sm4 = tlv(0x06, Buffer.from([0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x68, 0x01]));
  const bitString = (bytes: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]));
  const publicKey = Buffer.concat([Buffer.from([0x04]), randomBytes(64)]);
  return derSequence(
    Buffer.concat([
      derSequence(sm4),
      tlv(0x04, randomBytes(112)),
      bitString(publicKey),
      bitString(randomBytes(32)),
    ]),
  ).toString("base64");
}

/** Issues the certificate (a fresh key and serial on every call) and builds its served PEM. */
export async function buildCertificate(
  spec: ResolvedSpec,
  authority: Authority,
): Promise<EmulatedCertificate> {
  const { root, intermediate } = authority;
  const keyType = spec.sm2 ? "ec" : spec.keyType;
  const [key, otherKey] = await Promise.all([
    takeKey(keyType),
    spec.mismatchedKey ? takeKey(keyType) : undefined,
  ]);
  const certificate = spec.sm2
    ? unparsableCertificatePem()
    : pemBlock(
        await issueLeaf(intermediate, {
          key,
          domain: spec.domain,
          sans: spec.sans,
          notBefore: spec.notBefore,
          notAfter: spec.notAfter,
          isCa: spec.leafIsCa,
        }),
      );
  const chainParts = [pemBlock(intermediate.pem), pemBlock(root.pem)];
  const certificateChain = (spec.chainOrder === "reversed" ? chainParts.reverse() : chainParts).join("");
  const privateKey = pemBlock(privateKeyPem(otherKey ?? key));
  // An uploaded bundle may carry the key among its certificates.
  const served = {
    certificate: spec.keyBlockIn === "certificate" ? `${certificate}${privateKey}` : certificate,
    certificateChain:
      spec.keyBlockIn === "certificateChain" ? `${certificateChain}${privateKey}` : certificateChain,
  };
  const eol = (pem: string) => withLineEnding(pem, spec.lineEnding);
  const sm2Fields = spec.sm2
    ? {
        encCertificate: eol(unparsableCertificatePem()),
        encPrivateKey: spec.sm2Envelope
          ? sm2EnvelopeBase64()
          : eol(pemBlock(privateKeyPem(await takeKey("ec")))),
      }
    : {};
  return {
    id: spec.id,
    domain: spec.domain,
    sans: [...spec.sans],
    status: spec.status,
    name: spec.name,
    type: spec.type,
    brand: spec.brand,
    enterpriseProjectId: spec.enterpriseProjectId,
    issueTime: spec.issueTime,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    keyType,
    certificate: eol(served.certificate),
    certificateChain: eol(served.certificateChain),
    privateKey: eol(privateKey),
    ...sm2Fields,
    caCertificate: pemBlock(root.pem),
  };
}
