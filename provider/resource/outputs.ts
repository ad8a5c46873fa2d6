import type { ResourceSettingInputs } from "./resource-inputs";

// The names of the resource's outputs, apart from how they are computed: the resource class
// reads them when a program declares a resource, which must not load the provider's machinery.

/**
 * Everything the resource stores as outputs, besides its inputs. `entireCertificate`,
 * `combinedPem` and `privateKeyPkcs8` are not stored: the program computes them from these.
 */
export type CertificateOutputs = {
  certificateId: string;
  certificate: string;
  certificateChain: string;
  privateKey: string;
  encryptedPrivateKey?: string;
  pfx?: string;
  encCertificate?: string;
  encPrivateKey?: string;
  encPrivateKeyEnvelope?: string;
  notBefore?: string;
  notAfter?: string;
  serialNumber?: string;
  fingerprintSha256?: string;
  subject?: string;
  subjectAlternativeNames?: string[];
  issuer?: string;
  keyAlgorithm?: string;
};

/**
 * What the state holds for a resource: its declared inputs (a selected certificate is
 * `certificateId`), the outputs, and its URN, which `read` attaches diagnostics by.
 */
export type CertificateState = CertificateOutputs &
  ResourceSettingInputs & {
    domain?: string;
    __urn?: string;
  };

/**
 * Every output the resource registers with the engine (`domain`, an input, is stored back too).
 * Pulumi's cost per resource grows with their number; the engine bench's wide floor registers them.
 */
export const REGISTERED_OUTPUTS = [
  "certificateId",
  "domain",
  "certificate",
  "certificateChain",
  "privateKey",
  "encryptedPrivateKey",
  "pfx",
  "encCertificate",
  "encPrivateKey",
  "encPrivateKeyEnvelope",
  "notBefore",
  "notAfter",
  "serialNumber",
  "fingerprintSha256",
  "subject",
  "subjectAlternativeNames",
  "issuer",
  "keyAlgorithm",
] as const satisfies readonly (keyof CertificateState)[];

/**
 * The outputs holding key material, or a password the inputs copied in. The resource marks them
 * secret; the leak scans treat them as the only places a secret may appear.
 */
export const SECRET_OUTPUTS = [
  "privateKey",
  "encryptedPrivateKey",
  "pfx",
  "encPrivateKey",
  "encPrivateKeyEnvelope",
  "pfxPassword",
  "privateKeyPassphrase",
] as const;

/** The inputs that are secrets whatever the program passed: each face marks them so. */
export const SECRET_INPUTS = ["pfxPassword", "privateKeyPassphrase"] as const;

/**
 * Outputs that repeat the stored ones in another form (`derived-outputs.ts` makes them): the
 * resource class computes them in the program, the provider plugin returns them.
 */
export const DERIVED_OUTPUTS = ["entireCertificate", "combinedPem", "privateKeyPkcs8"] as const;

/** Of {@link DERIVED_OUTPUTS}, those holding the private key: secrets. */
export const DERIVED_SECRET_OUTPUTS = ["combinedPem", "privateKeyPkcs8"] as const;
