/** The private key and certificate in the forms consumers ask for: PKCS#8, encrypted PKCS#8, one PEM, PKCS#12. */
export { combinedPem, encryptedPkcs8Pem, pkcs8Der, pkcs8Pem, readPrivateKey } from "./key-formats";
export { buildPfx, PFX_ENCRYPTIONS, type PfxContents, type PfxEncryption } from "./pfx";
