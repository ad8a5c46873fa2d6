import { createHash } from "node:crypto";

/**
 * The key derivation of PKCS#12's own password-based encryption (RFC 7292, appendix B.2), which
 * the legacy `pbeWithSHAAnd3-KeyTripleDES-CBC` needs and neither Node nor pkijs exposes (pkijs
 * keeps its copy private and only for the MAC). SHA-1 only: the one hash that scheme uses.
 */

/** What the derived bytes are for: 1 the key, 2 the IV, 3 a MAC key. */
export type Pkcs12KeyPurpose = 1 | 2 | 3;

const SHA1_BLOCK = 64;
const SHA1_LENGTH = 20;

/** The password as PKCS#12 hashes it: UTF-16BE with a two-byte terminator (`""` gives `00 00`). */
export function bmpPassword(password: string): Buffer {
  const bytes = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) bytes.writeUInt16BE(password.charCodeAt(i), i * 2);
  return bytes;
}

/** `source` repeated to fill a whole number of `SHA1_BLOCK`-byte blocks. */
function stretched(source: Buffer): Buffer {
  const length = SHA1_BLOCK * Math.ceil(source.length / SHA1_BLOCK);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = source[i % source.length] as number;
  return out;
}

/** Derives `length` bytes from the password and salt for `purpose`. */
export function pkcs12Kdf(
  password: string,
  salt: Buffer,
  iterations: number,
  purpose: Pkcs12KeyPurpose,
  length: number,
): Buffer {
  const diversifier = Buffer.alloc(SHA1_BLOCK, purpose);
  const input = Buffer.concat([stretched(salt), stretched(bmpPassword(password))]);
  const blocks: Buffer[] = [];
  for (let produced = 0; produced < length; produced += SHA1_LENGTH) {
    let digest = createHash("sha1").update(diversifier).update(input).digest();
    for (let i = 1; i < iterations; i++) digest = createHash("sha1").update(digest).digest();
    blocks.push(digest);
    // I_j = (I_j + B + 1) mod 2^(8·64) for every 64-byte block of the input.
    const b = stretched(digest);
    for (let offset = 0; offset < input.length; offset += SHA1_BLOCK) {
      let carry = 1;
      for (let i = SHA1_BLOCK - 1; i >= 0; i--) {
        const sum = (input[offset + i] as number) + (b[i] as number) + carry;
        input[offset + i] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, length);
}
