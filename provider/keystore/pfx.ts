import { createHash, type KeyObject } from "node:crypto";
import { ScmCertificateError } from "../errors";
import { splitPemBlocks } from "../x509/pem";
import { pkcs8Der } from "./key-formats";
import { type Asn1js, legacyEngine, type Pkijs } from "./pkcs12-legacy-engine";
import { PKCS12_OID } from "./pkcs12-oids";

/**
 * PKCS#12 (PFX) keystores, written with pkijs. pkijs and asn1js are ES modules loaded on the first
 * call only: a resource without `pfxPassword` never loads them.
 */

/**
 * How a PFX is protected.
 * - `AES256-SHA256`: AES-256-CBC with PBKDF2-HMAC-SHA256 for the key and the certificates, and an
 *   HMAC-SHA256 MAC, as OpenSSL 3 writes by default. Windows Server 2019+, Java 8u301+, Azure.
 * - `TripleDES-SHA1`: `pbeWithSHAAnd3-KeyTripleDES-CBC` for both and an HMAC-SHA1 MAC, as
 *   `openssl pkcs12 -legacy` does with 3DES; for Windows Server 2016 and older, and old Java.
 */
export type PfxEncryption = "AES256-SHA256" | "TripleDES-SHA1";

/** The encryptions {@link PfxEncryption} names, for input validation. */
export const PFX_ENCRYPTIONS = ["AES256-SHA256", "TripleDES-SHA1"] as const;

/** What goes into a PFX. */
export interface PfxContents {
  /** The certificate, PEM. */
  readonly certificatePem: string;
  /** The intermediate chain, PEM (may be empty). */
  readonly chainPem: string;
  /** The certificate's private key. */
  readonly privateKey: KeyObject;
  /** `""` makes a PFX under the empty password, which tools that demand a PFX without one accept. */
  readonly password: string;
  readonly encryption: PfxEncryption;
  /** The name Windows and Java show for the entry (`friendlyName`, the keystore alias). */
  readonly friendlyName: string;
  /** Named in errors. */
  readonly certificateId: string;
}

/** OpenSSL 3's default iteration count for the bags and the MAC. */
const ITERATIONS = 2048;

/**
 * Builds a PFX holding the certificate, its chain and the key, and returns it as base64. The
 * leaf and the key share a `localKeyId` (the leaf's SHA-1, as OpenSSL sets it) so that Windows
 * and Java pair them. Throws {@link ScmCertificateError}, without key material, when a part
 * cannot be encoded.
 */
export async function buildPfx(contents: PfxContents): Promise<string> {
  const [pkijs, asn1js]: [Pkijs, Asn1js] = await Promise.all([import("pkijs"), import("asn1js")]);
  const certificates = pfxCertificates(contents.certificatePem, contents.chainPem);
  const leaf = certificates[0];
  if (leaf === undefined) {
    throw new ScmCertificateError(`Cannot build a PFX for ${contents.certificateId}: it has no certificate.`);
  }
  const localKeyId = createHash("sha1").update(leaf).digest();
  // pkijs takes the password as UTF-8 bytes, and spells it as PKCS#12 wants for the MAC itself.
  const password = new TextEncoder().encode(contents.password).buffer as ArrayBuffer;
  const legacy = contents.encryption === "TripleDES-SHA1";
  const engine = legacy ? legacyEngine(pkijs, asn1js, contents.password) : undefined;
  const encryption = legacy
    ? { password, contentEncryptionAlgorithm: { name: "DES-EDE3-CBC" }, hmacHashAlgorithm: "SHA-1" }
    : {
        password,
        contentEncryptionAlgorithm: { name: "AES-CBC", length: 256 },
        hmacHashAlgorithm: "SHA-256",
      };
  const bagParameters = { ...encryption, iterationCount: ITERATIONS };

  const attributes = (withName: boolean) => [
    new pkijs.Attribute({
      type: PKCS12_OID.localKeyId,
      values: [new asn1js.OctetString({ valueHex: localKeyId })],
    }),
    ...(withName
      ? [
          new pkijs.Attribute({
            type: PKCS12_OID.friendlyName,
            values: [new asn1js.BmpString({ value: contents.friendlyName })],
          }),
        ]
      : []),
  ];
  let keyInfo: InstanceType<Pkijs["PrivateKeyInfo"]>;
  try {
    keyInfo = pkijs.PrivateKeyInfo.fromBER(pkcs8Der(contents.privateKey));
  } catch {
    // pkijs's message could quote the key's bytes: say only what failed.
    throw new ScmCertificateError(
      `Cannot build a PFX for ${contents.certificateId}: its private key cannot be encoded as PKCS#8.`,
    );
  }
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: keyInfo });
  await keyBag.makeInternalValues(bagParameters, engine);
  const certBags = certificates.map(
    (der, index) =>
      new pkijs.SafeBag({
        bagId: PKCS12_OID.certBag,
        bagValue: new pkijs.CertBag({
          certId: PKCS12_OID.x509Certificate,
          certValue: new asn1js.OctetString({ valueHex: der }),
        }),
        ...(index === 0 ? { bagAttributes: attributes(true) } : {}),
      }),
  );
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            // Certificates encrypted, the key shrouded in a data bag: the layout OpenSSL writes.
            { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: certBags }) },
            {
              privacyMode: 0,
              value: new pkijs.SafeContents({
                safeBags: [
                  new pkijs.SafeBag({
                    bagId: PKCS12_OID.shroudedKeyBag,
                    bagValue: keyBag,
                    bagAttributes: attributes(true),
                  }),
                ],
              }),
            },
          ],
        },
      }),
    },
  });
  await pfx.parsedValue?.authenticatedSafe?.makeInternalValues({ safeContents: [bagParameters, {}] }, engine);
  await pfx.makeInternalValues(
    {
      password,
      iterations: ITERATIONS,
      pbkdf2HashAlgorithm: encryption.hmacHashAlgorithm,
      hmacHashAlgorithm: encryption.hmacHashAlgorithm,
    },
    engine,
  );
  return Buffer.from(pfx.toSchema().toBER(false)).toString("base64");
}

/** The certificates a PFX of this certificate and chain holds, as DER, leaf first. */
export function pfxCertificates(certificatePem: string, chainPem: string): Buffer[] {
  return [certificatePem, chainPem].flatMap((pem) =>
    splitPemBlocks(pem)
      .filter((block) => block.label === "CERTIFICATE")
      .map((block) => derOf(block.pem)),
  );
}

function derOf(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
}
