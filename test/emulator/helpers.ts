import { createPrivateKey, X509Certificate } from "node:crypto";
import { type Dispatcher, request } from "undici";
import type { EmulatedCertificate, ScmEmulator } from "../../emulator";

/** A response read whole: status, headers and the body as text. */
export interface ReadResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export async function send(
  url: string,
  options: {
    method?: Dispatcher.HttpMethod;
    headers?: Record<string, string>;
    body?: string;
    dispatcher?: Dispatcher;
  } = {},
): Promise<ReadResponse> {
  const response = await request(url, {
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body,
    dispatcher: options.dispatcher,
  });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

/** `POST .../export` with the emulator's token (or the headers given). */
export function exportWithToken(
  scm: ScmEmulator,
  certificateId: string,
  headers: Record<string, string> = { "x-auth-token": scm.token },
  dispatcher?: Dispatcher,
): Promise<ReadResponse> {
  return send(`${scm.url}/v3/scm/certificates/${certificateId}/export`, {
    method: "POST",
    headers,
    dispatcher,
  });
}

/** `GET` an SCM path with the emulator's token. */
export function getWithToken(scm: ScmEmulator, pathAndQuery: string): Promise<ReadResponse> {
  return send(`${scm.url}${pathAndQuery}`, { headers: { "x-auth-token": scm.token } });
}

export function json<T = Record<string, unknown>>(response: ReadResponse): T {
  return JSON.parse(response.text) as T;
}

export function pemBlocks(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** The first certificate of the emulator with that key type. */
export function certificateOf(scm: ScmEmulator, keyType: "rsa" | "ec"): EmulatedCertificate {
  const found = [...scm.certificates.values()].find((certificate) => certificate.keyType === keyType);
  if (!found) throw new Error(`no ${keyType} certificate`);
  return found;
}

/** Checks leaf <- intermediate <- root and the key, throwing on any mismatch. */
export function expectValidChain(exported: Record<string, string>, rootPem: string): X509Certificate {
  const leaf = new X509Certificate(exported.certificate ?? "");
  const [intermediatePem] = pemBlocks(exported.certificate_chain ?? "");
  const intermediate = new X509Certificate(intermediatePem ?? "");
  const root = new X509Certificate(rootPem);
  if (!leaf.checkIssued(intermediate) || !leaf.verify(intermediate.publicKey))
    throw new Error("leaf not issued by intermediate");
  if (!intermediate.checkIssued(root) || !intermediate.verify(root.publicKey))
    throw new Error("intermediate not issued by root");
  if (!leaf.checkPrivateKey(createPrivateKey(exported.private_key ?? "")))
    throw new Error("key does not match");
  return leaf;
}

/** The body of IAM's `POST /v3/auth/tokens` exchanging this user's password for a token. */
export function passwordBody(user: { domainName: string; userName: string; password: string }): string {
  return JSON.stringify({
    auth: {
      identity: {
        methods: ["password"],
        password: {
          user: { name: user.userName, password: user.password, domain: { name: user.domainName } },
        },
      },
      scope: { domain: { name: user.domainName } },
    },
  });
}
