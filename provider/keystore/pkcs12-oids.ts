/** The object identifiers of PKCS#12 (RFC 7292) and PKCS#9 that writing and reading a PFX use. */
export const PKCS12_OID = {
  data: "1.2.840.113549.1.7.1",
  certBag: "1.2.840.113549.1.12.10.1.3",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  friendlyName: "1.2.840.113549.1.9.20",
  localKeyId: "1.2.840.113549.1.9.21",
  pbeWithSha1And3DesCbc: "1.2.840.113549.1.12.1.3",
  pbes2: "1.2.840.113549.1.5.13",
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
} as const;
