import { createCipheriv, createDecipheriv, randomBytes, webcrypto } from "node:crypto";
import { pkcs12Kdf } from "./pkcs12-kdf";
import { PKCS12_OID } from "./pkcs12-oids";

/** pkijs and asn1js, loaded as ES modules on the first PFX written or read. */
export type Pkijs = typeof import("pkijs", { with: { "resolution-mode": "import" }});
export type Asn1js = typeof import("asn1js", { with: { "resolution-mode": "import" }});

const SALT_BYTES = 16;

/**
 * pkijs encrypts and decrypts bags with PBES2 only (WebCrypto has no 3DES). This engine does
 * `pbeWithSHAAnd3-KeyTripleDES-CBC` the PKCS#12 way instead, with Node's `des-ede3-cbc`, in both
 * directions; PBES2 and everything else, the MAC included, stay pkijs's.
 */
export function legacyEngine(
  pkijs: Pkijs,
  asn1js: Asn1js,
  password: string,
): InstanceType<Pkijs["CryptoEngine"]> {
  type Engine = InstanceType<Pkijs["CryptoEngine"]>;
  const cipherFor = (salt: Buffer, iterations: number, decrypt: boolean) => {
    const key = pkcs12Kdf(password, salt, iterations, 1, 24);
    const iv = pkcs12Kdf(password, salt, iterations, 2, 8);
    return decrypt ? createDecipheriv("des-ede3-cbc", key, iv) : createCipheriv("des-ede3-cbc", key, iv);
  };
  class TripleDesEngine extends pkijs.CryptoEngine {
    override async encryptEncryptedContentInfo(
      parameters: Parameters<Engine["encryptEncryptedContentInfo"]>[0],
    ) {
      const salt = randomBytes(SALT_BYTES);
      const iterations = parameters.iterationCount;
      const cipher = cipherFor(salt, iterations, false);
      const content = Buffer.from(parameters.contentToEncrypt as ArrayBuffer);
      const encrypted = Buffer.concat([cipher.update(content), cipher.final()]);
      return new pkijs.EncryptedContentInfo({
        contentType: parameters.contentType,
        contentEncryptionAlgorithm: new pkijs.AlgorithmIdentifier({
          algorithmId: PKCS12_OID.pbeWithSha1And3DesCbc,
          algorithmParams: new asn1js.Sequence({
            value: [new asn1js.OctetString({ valueHex: salt }), new asn1js.Integer({ value: iterations })],
          }),
        }),
        encryptedContent: new asn1js.OctetString({ valueHex: encrypted }),
      });
    }

    override async decryptEncryptedContentInfo(
      parameters: Parameters<Engine["decryptEncryptedContentInfo"]>[0],
    ) {
      const info = parameters.encryptedContentInfo;
      const algorithm = info.contentEncryptionAlgorithm;
      if (algorithm.algorithmId !== PKCS12_OID.pbeWithSha1And3DesCbc)
        return super.decryptEncryptedContentInfo(parameters);
      const [salt, iterations] = (algorithm.algorithmParams as InstanceType<Asn1js["Sequence"]>).valueBlock
        .value as [InstanceType<Asn1js["OctetString"]>, InstanceType<Asn1js["Integer"]>];
      const decipher = cipherFor(
        Buffer.from(salt.valueBlock.valueHexView),
        iterations.valueBlock.valueDec,
        true,
      );
      const content = Buffer.from(info.getEncryptedContent());
      const plain = Buffer.concat([decipher.update(content), decipher.final()]);
      return plain.buffer.slice(plain.byteOffset, plain.byteOffset + plain.byteLength) as ArrayBuffer;
    }
  }
  type EngineCrypto = ConstructorParameters<Pkijs["CryptoEngine"]>[0]["crypto"];
  return new TripleDesEngine({ name: "node", crypto: webcrypto as unknown as EngineCrypto });
}
