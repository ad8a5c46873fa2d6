/**
 * Leaf keys. RSA-2048 generation takes 50 to 300 ms, so a few RSA keys are kept ready: each one
 * taken is replaced in the background, off the main thread. EC P-256 keys take under a millisecond.
 */

import { generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";

const generateKeyPairAsync = promisify(generateKeyPair);

/** How many RSA keys are kept ready. */
const RSA_POOL_SIZE = 2;

/** A key pair in node:crypto form. */
export interface KeyMaterial {
  readonly keyType: "rsa" | "ec";
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** A fresh RSA-2048 or EC P-256 key pair, generated now. */
export async function generateKey(keyType: "rsa" | "ec"): Promise<KeyMaterial> {
  const pair =
    keyType === "rsa"
      ? await generateKeyPairAsync("rsa", { modulusLength: 2048 })
      : await generateKeyPairAsync("ec", { namedCurve: "P-256" });
  return { keyType, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

const readyRsaKeys: Promise<KeyMaterial>[] = [];

function refillRsaPool(): void {
  while (readyRsaKeys.length < RSA_POOL_SIZE) readyRsaKeys.push(generateKey("rsa"));
}

/** A key never handed out before: from the pool for RSA (refilled once this one is ready). */
export function takeKey(keyType: "rsa" | "ec"): Promise<KeyMaterial> {
  if (keyType === "ec") return generateKey("ec");
  const key = readyRsaKeys.shift() ?? generateKey("rsa");
  void key.then(refillRsaPool, refillRsaPool);
  return key;
}
