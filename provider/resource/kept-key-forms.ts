import { createPrivateKey, type KeyObject } from "node:crypto";
import { pkcs8Der } from "../keystore/key-formats";
import { type PfxEncryption, pfxCertificates } from "../keystore/pfx";
import { readPfx } from "../keystore/pfx-read";
import type { CertificateState } from "./outputs";

/** What the key forms are made of now: the export, normalised, and the inputs that protect them. */
export interface KeyMaterial {
  readonly certificate: string;
  readonly certificateChain: string;
  readonly privateKey: string;
  readonly key: KeyObject;
  readonly pfxPassword: string | undefined;
  readonly pfxEncryption: PfxEncryption;
  readonly privateKeyPassphrase: string | undefined;
}

/** The forms kept from the state; each absent one is built anew. */
export interface KeptKeyForms {
  readonly pfx?: string;
  readonly encryptedPrivateKey?: string;
}

const ENCRYPTED_PKCS8 = "-----BEGIN ENCRYPTED PRIVATE KEY-----";

/**
 * Nothing changes when nothing changed: `pfx` and `encryptedPrivateKey` are encrypted under a fresh
 * salt and IV each time they are built, so a refresh or an update that exports the same certificate,
 * chain and key, protected by the same passwords, keeps the ones the state holds, byte for byte.
 * Otherwise every consumer would be updated after each refresh.
 *
 * The old values are verified, not trusted: each is opened with its password and must hold exactly
 * this key (and the PFX exactly these certificates, protected as asked). A state edited by hand,
 * or written wrong, then gets them rebuilt rather than passed on for another year; opening them
 * costs less than building them again.
 */
export async function keptKeyForms(
  previous: CertificateState | undefined,
  now: KeyMaterial,
): Promise<KeptKeyForms> {
  if (
    previous === undefined ||
    previous.certificate !== now.certificate ||
    previous.certificateChain !== now.certificateChain ||
    previous.privateKey !== now.privateKey
  ) {
    return {};
  }
  const keyDer = pkcs8Der(now.key);
  const [pfx, encryptedPrivateKey] = await Promise.all([
    keptPfx(previous, now, keyDer),
    keptEncryptedKey(previous, now, keyDer),
  ]);
  return { ...(pfx ? { pfx } : {}), ...(encryptedPrivateKey ? { encryptedPrivateKey } : {}) };
}

async function keptPfx(
  previous: CertificateState,
  now: KeyMaterial,
  keyDer: Buffer,
): Promise<string | undefined> {
  const old = previous.pfx;
  if (old === undefined || now.pfxPassword === undefined || previous.pfxPassword !== now.pfxPassword) {
    return undefined;
  }
  const held = await readPfx(old, now.pfxPassword);
  if (held === undefined || held.encryption !== now.pfxEncryption) return undefined;
  if (!held.privateKeyDer?.equals(keyDer)) return undefined;
  const certificates = pfxCertificates(now.certificate, now.certificateChain);
  const same =
    held.certificates.length === certificates.length &&
    certificates.every((der, index) => held.certificates[index]?.equals(der));
  return same ? old : undefined;
}

async function keptEncryptedKey(
  previous: CertificateState,
  now: KeyMaterial,
  keyDer: Buffer,
): Promise<string | undefined> {
  const old = previous.encryptedPrivateKey;
  const passphrase = now.privateKeyPassphrase;
  if (old === undefined || passphrase === undefined || previous.privateKeyPassphrase !== passphrase) {
    return undefined;
  }
  // An unencrypted key would open under any passphrase: the armour must say it is encrypted.
  if (!old.startsWith(ENCRYPTED_PKCS8)) return undefined;
  try {
    const opened = createPrivateKey({ key: old, format: "pem", passphrase });
    return pkcs8Der(opened).equals(keyDer) ? old : undefined;
  } catch {
    return undefined;
  }
}
