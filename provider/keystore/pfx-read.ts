import type { PfxEncryption } from "./pfx";
import { type Asn1js, legacyEngine, type Pkijs } from "./pkcs12-legacy-engine";
import { PKCS12_OID } from "./pkcs12-oids";

/** What a PFX holds, read under its password. */
export interface PfxHeld {
  /** Every certificate, as DER, in the order of the bags. */
  readonly certificates: readonly Buffer[];
  /** The private key as PKCS#8 DER; `undefined` when the PFX has none. */
  readonly privateKeyDer: Buffer | undefined;
  /** How it is protected, when it is one of the ways {@link PfxEncryption} names. */
  readonly encryption: PfxEncryption | undefined;
}

/**
 * Reads a PFX (base64) as a consumer would: its MAC checked under the password, its bags
 * decrypted. `undefined` when it cannot be read so, whatever the reason: nothing of pkijs's
 * errors, which may quote the bytes, is passed on.
 */
export async function readPfx(pfxBase64: string, password: string): Promise<PfxHeld | undefined> {
  const [pkijs, asn1js]: [Pkijs, Asn1js] = await Promise.all([import("pkijs"), import("asn1js")]);
  try {
    const der = Buffer.from(pfxBase64, "base64");
    const pfx = new pkijs.PFX({ schema: asn1js.fromBER(der).result });
    const passwordBytes = new TextEncoder().encode(password).buffer as ArrayBuffer;
    const engine = legacyEngine(pkijs, asn1js, password);
    await pfx.parseInternalValues({ password: passwordBytes, checkIntegrity: true }, engine);
    const safe = pfx.parsedValue?.authenticatedSafe;
    if (!safe) return undefined;
    const algorithms = safe.safeContents.flatMap((info) =>
      info.contentType === PKCS12_OID.data
        ? []
        : // A copy: pkijs's schema check would alter the one it decrypts next.
          [
            new pkijs.EncryptedData({ schema: asn1js.fromBER(info.content.toBER(false)).result })
              .encryptedContentInfo.contentEncryptionAlgorithm.algorithmId,
          ],
    );
    const parameters = safe.safeContents.map(() => ({ password: passwordBytes }));
    await safe.parseInternalValues({ safeContents: parameters }, engine);
    // pkijs types the parsed safe as `any`: this is its documented shape.
    const parsed = safe.parsedValue as { safeContents: { value: InstanceType<Pkijs["SafeContents"]> }[] };
    const bags = parsed.safeContents.flatMap((contents) => contents.value.safeBags);
    const certificates = bags
      .filter((bag) => bag.bagId === PKCS12_OID.certBag)
      .map((bag) => {
        const value = (bag.bagValue as InstanceType<Pkijs["CertBag"]>).certValue;
        return Buffer.from((value as InstanceType<Asn1js["OctetString"]>).valueBlock.valueHexView);
      });
    const keyBag = bags.find((bag) => bag.bagId === PKCS12_OID.shroudedKeyBag)?.bagValue as
      | InstanceType<Pkijs["PKCS8ShroudedKeyBag"]>
      | undefined;
    if (keyBag) {
      // Protected in pkijs's types, yet the call its own SafeContents reading leaves to the caller.
      const decryptable = keyBag as unknown as {
        parseInternalValues(parameters: { password: ArrayBuffer }, crypto: typeof engine): Promise<void>;
      };
      await decryptable.parseInternalValues({ password: passwordBytes }, engine);
      algorithms.push(keyBag.encryptionAlgorithm.algorithmId);
    }
    const keyInfo = keyBag?.parsedValue;
    return {
      certificates,
      privateKeyDer: keyInfo ? Buffer.from(keyInfo.toSchema().toBER(false)) : undefined,
      encryption: encryptionOf(pfx.macData?.mac.digestAlgorithm.algorithmId, algorithms),
    };
  } catch {
    return undefined;
  }
}

/** The {@link PfxEncryption} a MAC digest and bag encryptions make up, if they make one up. */
function encryptionOf(
  macDigest: string | undefined,
  bagAlgorithms: readonly string[],
): PfxEncryption | undefined {
  const all = (algorithm: string) => bagAlgorithms.length > 0 && bagAlgorithms.every((a) => a === algorithm);
  if (macDigest === PKCS12_OID.sha256 && all(PKCS12_OID.pbes2)) return "AES256-SHA256";
  if (macDigest === PKCS12_OID.sha1 && all(PKCS12_OID.pbeWithSha1And3DesCbc)) return "TripleDES-SHA1";
  return undefined;
}
