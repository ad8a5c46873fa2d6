import type { X509Certificate } from "node:crypto";
import { displayName, formatDistinguishedName } from "./distinguished-name";
import { parseCertificate } from "./parse-certificate";
import { splitPemBlocks } from "./pem";

/**
 * Checks a certificate and its chain as a load balancer will send them, returning warnings a
 * person can act on (none when all is well). Each chain certificate must have issued and signed
 * the one before it; the certificate must not be a CA; a certificate that is not self-issued
 * needs a chain. Never throws: what cannot be parsed is itself a warning.
 */
export function chainWarnings(certificate: X509Certificate, chainPem: string): string[] {
  const warnings: string[] = [];
  if (certificate.ca) {
    warnings.push(
      `The certificate (${nameOf(certificate)}) is a CA certificate (basicConstraints CA:TRUE), not a server ` +
        "certificate: clients expect a leaf here. Check that SCM exported the right certificate.",
    );
  }
  const blocks = splitPemBlocks(chainPem);
  if (blocks.length === 0) {
    if (chainPem.trim() !== "") {
      warnings.push("The certificate chain holds no PEM block, so it was not checked.");
    } else if (!certificate.checkIssued(certificate)) {
      warnings.push(
        `The certificate chain is empty, but the certificate (${nameOf(certificate)}) was issued by ` +
          `${formatDistinguishedName(certificate.issuer)}: clients that lack the intermediate will fail.`,
      );
    }
    return warnings;
  }
  const members = blocks.map((block, index) => {
    if (block.label !== "CERTIFICATE") {
      warnings.push(
        `Chain block ${index + 1} is a ${block.label}, not a CERTIFICATE: remove it from the chain.`,
      );
      return undefined;
    }
    const member = parseChainMember(block.pem);
    if (member === undefined) {
      warnings.push(
        `Chain certificate ${index + 1} cannot be parsed by Node's OpenSSL, so it was not checked.`,
      );
    }
    return member;
  });
  const broken = brokenLinks([certificate, ...members]);
  if (broken.length === 0) return warnings;
  if (brokenLinks([certificate, ...members.toReversed()]).length === 0) {
    warnings.push(
      "The certificate chain is in reverse order: list the certificate's issuer first, then each " +
        "certificate's issuer after it. Clients that cannot rebuild the path will fail.",
    );
    return warnings;
  }
  for (const position of broken) {
    const child =
      position === 0 ? `the certificate (${nameOf(certificate)})` : describeMember(members, position);
    warnings.push(
      `${capitalize(describeMember(members, position + 1))} did not issue and sign ${child}, which it follows: ` +
        "the chain is out of order or incomplete. Each certificate must be followed by its issuer; " +
        "clients that cannot rebuild the path will fail.",
    );
  }
  return warnings;
}

// A chain holds a CA's certificates, the same for every certificate that CA issued: a stack's
// exports share a few chains, so each chain certificate is parsed, and each link between two of
// them verified, once per process. Bounded, the oldest forgotten first.
const CHAIN_MEMBERS_KEPT = 64;
const chainMembers = new Map<string, X509Certificate | undefined>();
// Each chain certificate parsed, with the verdicts on the certificates it was checked against.
const memberLinks = new WeakMap<X509Certificate, WeakMap<X509Certificate, boolean>>();

function parseChainMember(pem: string): X509Certificate | undefined {
  if (chainMembers.has(pem)) return chainMembers.get(pem);
  const member = parseCertificate(pem);
  if (member !== undefined) memberLinks.set(member, new WeakMap());
  if (chainMembers.size >= CHAIN_MEMBERS_KEPT)
    chainMembers.delete(chainMembers.keys().next().value as string);
  chainMembers.set(pem, member);
  return member;
}

/** Positions `i` where `sequence[i + 1]` did not issue and sign `sequence[i]`; unparsed members are skipped. */
function brokenLinks(sequence: readonly (X509Certificate | undefined)[]): number[] {
  const broken: number[] = [];
  for (let i = 0; i + 1 < sequence.length; i++) {
    const child = sequence[i];
    const issuer = sequence[i + 1];
    if (child !== undefined && issuer !== undefined && !issuedAndSigned(child, issuer)) broken.push(i);
  }
  return broken;
}

function issuedAndSigned(child: X509Certificate, issuer: X509Certificate): boolean {
  // Only links from a chain certificate are kept: the exported certificate is checked every time.
  const verdicts = memberLinks.get(child);
  let verdict = verdicts?.get(issuer);
  if (verdict === undefined) {
    verdict = verifyLink(child, issuer);
    verdicts?.set(issuer, verdict);
  }
  return verdict;
}

function verifyLink(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    // A key Node cannot use to verify proves nothing: count the link as broken.
    return false;
  }
}

/** `chain certificate 2 ("Example Intermediate CA")`, for member `position` (1-based). */
function describeMember(members: readonly (X509Certificate | undefined)[], position: number): string {
  const member = members[position - 1];
  return `chain certificate ${position}${member === undefined ? "" : ` (${nameOf(member)})`}`;
}

function nameOf(certificate: X509Certificate): string {
  return JSON.stringify(displayName(certificate.subject));
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
