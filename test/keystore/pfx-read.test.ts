import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedCertificate, startScmEmulator } from "../../emulator";
import { buildPfx, PFX_ENCRYPTIONS, pkcs8Der, readPrivateKey } from "../../provider/keystore";
import { pfxCertificates } from "../../provider/keystore/pfx";
import { readPfx } from "../../provider/keystore/pfx-read";

let cert: EmulatedCertificate;
let stop: () => Promise<void>;

beforeAll(async () => {
  const emulator = await startScmEmulator({ certificates: [{ keyType: "ec" }] });
  cert = [...emulator.certificates.values()][0] as EmulatedCertificate;
  stop = () => emulator.stop();
});

afterAll(() => stop?.());

const key = () => readPrivateKey(cert.privateKey) as NonNullable<ReturnType<typeof readPrivateKey>>;
const pfxOf = (encryption: (typeof PFX_ENCRYPTIONS)[number], password: string) =>
  buildPfx({
    certificatePem: cert.certificate,
    chainPem: cert.certificateChain,
    privateKey: key(),
    password,
    encryption,
    friendlyName: cert.domain,
    certificateId: cert.id,
  });

describe.each(PFX_ENCRYPTIONS)("reading a %s PFX this package wrote", (encryption) => {
  it("gives back its certificates, its key and how it is protected", async () => {
    const held = await readPfx(await pfxOf(encryption, "pässword"), "pässword");
    expect(held?.encryption).toBe(encryption);
    expect(held?.privateKeyDer?.equals(pkcs8Der(key()))).toBe(true);
    expect(held?.certificates).toEqual(pfxCertificates(cert.certificate, cert.certificateChain));
  });

  it("gives nothing under another password, or for bytes that are no PFX", async () => {
    expect(await readPfx(await pfxOf(encryption, "right"), "wrong")).toBeUndefined();
    expect(await readPfx(Buffer.from("not a keystore").toString("base64"), "right")).toBeUndefined();
  });
});
