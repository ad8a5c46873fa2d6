/**
 * Whether a certificate name covers a host name. A wildcard covers exactly one label:
 * `*.example.com` covers `shop.example.com`, but neither `example.com` nor `a.b.example.com`.
 */
export function nameCovers(certificateName: string, host: string): boolean {
  const name = certificateName.trim().toLowerCase().replace(/\.$/, "");
  const target = host.trim().toLowerCase().replace(/\.$/, "");
  if (name === target) return true;
  if (!name.startsWith("*.")) return false;
  const suffix = name.slice(1); // ".example.com"
  if (!target.endsWith(suffix)) return false;
  const label = target.slice(0, -suffix.length);
  return label.length > 0 && !label.includes(".");
}

/** Whether a certificate (its domain or any SAN) covers the host name. */
export function certificateCovers(
  certificate: { domain: string; sans: readonly string[] },
  host: string,
): boolean {
  return [certificate.domain, ...certificate.sans].some((name) => name !== "" && nameCovers(name, host));
}

/**
 * The zone to search SCM with (`content`): the domain without its first label, so that both
 * `shop.example.com` and `*.example.com` certificates match `example.com`.
 */
export function searchZone(host: string): string {
  const labels = host.toLowerCase().replace(/^\*\./, "").split(".");
  return labels.length > 2 ? labels.slice(1).join(".") : labels.join(".");
}
