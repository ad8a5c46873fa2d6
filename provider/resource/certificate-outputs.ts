import { ScmCertificateError } from "../errors";
import { encryptedPkcs8Pem, readPrivateKey } from "../keystore/key-formats";
import { buildPfx } from "../keystore/pfx";
import type { ExportedCertificate } from "../scm/scm-client";
import { certificateBlocksOf, inspectExport, normalizePem } from "../x509";
import { keptKeyForms } from "./kept-key-forms";
import type { CertificateOutputs, CertificateState } from "./outputs";
import type { ResourceInputs } from "./resource-inputs";

const PEM_ARMOUR = /-----BEGIN [A-Z0-9 ]+-----/;

/**
 * Turns an export into the resource's outputs: PEM normalised, metadata parsed, the key checked
 * against the certificate (a mismatch throws, so nothing reaches the state), the key in the forms
 * the inputs ask for, and warnings logged. The PKCS#12 library is loaded only when `pfxPassword` is set.
 */
export async function certificateOutputs(
  inputs: ResourceInputs,
  exported: ExportedCertificate,
  warn: (message: string) => void,
  options: { previous?: CertificateState | undefined; now?: Date } = {},
): Promise<CertificateState> {
  const now = options.now ?? new Date();
  const inspected = inspectExport({
    certificateId: exported.certificateId,
    certificate: exported.certificate,
    certificateChain: exported.certificateChain,
    privateKey: exported.privateKey,
    now,
  });
  for (const warning of inspected.warnings) warn(`${exported.certificateId}: ${warning}`);
  const meta = inspected.metadata;
  const normalized = inspected.normalized;
  // Parsed again only for the forms that need a key object: most exports ask for none.
  const wantsKey = inputs.pfxPassword !== undefined || inputs.privateKeyPassphrase !== undefined;
  const key = wantsKey ? readPrivateKey(normalized.privateKey) : undefined;
  const unusable = (output: string, why: string) =>
    new ScmCertificateError(
      `Cannot make ${output} for certificate ${exported.certificateId}: ${why}. Nothing was written to the state; ` +
        `remove the input that asks for ${output} to export the certificate without it.`,
    );
  if (inputs.privateKeyPassphrase !== undefined && key === undefined) {
    throw unusable("encryptedPrivateKey", "Node's OpenSSL cannot read its private key");
  }
  const pfxEncryption = inputs.pfxEncryption ?? "AES256-SHA256";
  const kept =
    key === undefined
      ? {}
      : await keptKeyForms(options.previous, {
          ...normalized,
          key,
          pfxPassword: inputs.pfxPassword,
          pfxEncryption,
          privateKeyPassphrase: inputs.privateKeyPassphrase,
        });
  let pfx: string | undefined;
  if (inputs.pfxPassword !== undefined) {
    if (key === undefined) throw unusable("pfx", "Node's OpenSSL cannot read its private key");
    if (meta === undefined) throw unusable("pfx", "Node's OpenSSL cannot read its certificate");
    pfx =
      kept.pfx ??
      (await buildPfx({
        certificatePem: normalized.certificate,
        chainPem: normalized.certificateChain,
        privateKey: key,
        password: inputs.pfxPassword,
        encryption: pfxEncryption,
        friendlyName: meta.subject ?? exported.certificateId,
        certificateId: exported.certificateId,
      }));
  }
  const outputs: CertificateOutputs = {
    certificateId: exported.certificateId,
    certificate: normalized.certificate,
    certificateChain: normalized.certificateChain,
    privateKey: normalized.privateKey,
    ...(key && inputs.privateKeyPassphrase !== undefined
      ? {
          encryptedPrivateKey:
            kept.encryptedPrivateKey ?? encryptedPkcs8Pem(key, inputs.privateKeyPassphrase),
        }
      : {}),
    ...(pfx !== undefined ? { pfx } : {}),
    ...(exported.encCertificate
      ? { encCertificate: encCertificateOutput(exported.certificateId, exported.encCertificate, warn) }
      : {}),
    ...encryptionKeyOutput(exported.encPrivateKey),
    ...meta,
  };
  // Inputs are part of the state too; undefined ones are left out, and the certificate selected
  // for a domain is `certificateId`.
  const { selectedCertificateId: _, ...declared } = inputs;
  return { ...definedOnly(declared), ...outputs };
}

/** The properties that are set: the state keeps no undefined ones. */
function definedOnly<T extends object>(value: T): Partial<T> {
  // Object.fromEntries cannot carry T's keys through; the filter only removes some.
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * An SM2 export's encryption key: PEM goes to `encPrivateKey`; a digital envelope (what SCM
 * returns when the user made the CSR) is not PEM and goes, as SCM sent it, to `encPrivateKeyEnvelope`.
 */
function encryptionKeyOutput(
  encPrivateKey: string | undefined,
): Pick<CertificateOutputs, "encPrivateKey" | "encPrivateKeyEnvelope"> {
  if (!encPrivateKey) return {};
  return PEM_ARMOUR.test(encPrivateKey)
    ? { encPrivateKey: normalizePem(encPrivateKey) }
    : { encPrivateKeyEnvelope: encPrivateKey.replace(/\s+/g, "") };
}

/** The SM2 encryption certificate, not secret either: its certificate blocks alone. */
function encCertificateOutput(
  certificateId: string,
  encCertificate: string,
  warn: (message: string) => void,
): string {
  const { pem, dropped } = certificateBlocksOf(encCertificate);
  for (const label of dropped) {
    warn(`${certificateId}: SCM's enc_certificate held a ${label} block: it was left out of encCertificate.`);
  }
  return pem;
}
