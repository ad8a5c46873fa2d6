import { createPrivateKey, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedCertificate, ScmEmulator } from "../../emulator";
import {
  isSecretInput,
  type MockRun,
  plain,
  type RegisteredResource,
  registered,
  runExample,
  typeCheck,
  visibleOutsideSecrets,
} from "./mock-run";

const HOST = "shop.example.com";
const ELB_ID = "5a9a3d5f-37f4-4a9b-8a47-2f0bd4f8a1c3";

let emulator: ScmEmulator;
let held: EmulatedCertificate;
let run: MockRun;
let scm: RegisteredResource;
let secret: RegisteredResource;
let tlsData: Record<string, string>;

beforeAll(async () => {
  ({ emulator, held, run } = await runExample("cce-ingress", HOST, {
    host: HOST,
    elbId: ELB_ID,
    elbClass: "union",
  }));
  scm = registered(run, "pulumi-nodejs:dynamic:ScmExportedCertificate");
  secret = registered(run, "kubernetes:core/v1:Secret");
  tlsData = plain(secret.inputs.stringData) as Record<string, string>;
});

afterAll(async () => {
  await emulator?.stop();
});

describe("examples/cce-ingress", () => {
  it("type-checks against @pulumi/kubernetes and this package", () => {
    expect(() => typeCheck("examples/cce-ingress")).not.toThrow();
  }, 180_000);

  it("follows the ingress host's domain in SCM", () => {
    expect(plain(scm.inputs.domain)).toBe(HOST);
    expect(emulator.requests.map((r) => r.path)).toContain(`/v3/scm/certificates/${held.id}/export`);
  });

  it("writes a kubernetes.io/tls Secret: the certificate and its chain as tls.crt, the key as tls.key", () => {
    expect(secret.inputs.type).toBe("kubernetes.io/tls");
    expect(Object.keys(tlsData).sort()).toEqual(["tls.crt", "tls.key"]);
    expect(tlsData["tls.crt"]).toBe(`${held.certificate}${held.certificateChain}`);
    expect(tlsData["tls.key"]).toBe(held.privateKey);
  });

  it("holds a tls.crt whose leaf comes first, matches tls.key and is issued by the next certificate", () => {
    const pems = (tlsData["tls.crt"] as string).match(
      /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g,
    );
    const [leaf, issuer] = (pems ?? []).map((pem) => new X509Certificate(pem));
    expect(leaf?.subjectAltName).toContain(`DNS:${HOST}`);
    expect(leaf?.checkPrivateKey(createPrivateKey(tlsData["tls.key"] as string))).toBe(true);
    expect(issuer && leaf?.checkIssued(issuer)).toBe(true);
  });

  it("hands Kubernetes the key as a secret, and the program holds it as one", () => {
    expect(isSecretInput(secret.inputs.stringData)).toBe(true);
    expect(secret.secretProperties).toContain("stringData");
    expect(scm.secretProperties).toContain("privateKey");
  });

  it("attaches an ingress to the existing ELB with an HTTPS listener on 443 using the Secret", () => {
    const ingress = registered(run, "kubernetes:networking.k8s.io/v1:Ingress");
    expect(ingress.inputs.metadata).toMatchObject({
      annotations: {
        "kubernetes.io/elb.class": "union",
        "kubernetes.io/elb.id": ELB_ID,
        "kubernetes.io/elb.port": "443",
      },
    });
    expect(ingress.inputs.spec).toMatchObject({
      ingressClassName: "cce",
      tls: [{ hosts: [HOST], secretName: "shop-tls" }],
      rules: [{ host: HOST }],
    });
    expect(secret.inputs.metadata).toMatchObject({ name: "shop-tls" });
  });

  it("shows the private key nowhere outside a secret", () => {
    const body = held.privateKey.split("\n")[1] as string;
    const visible = visibleOutsideSecrets(run);
    expect(visible).toContain("[secret]");
    expect(visible).not.toContain(body);
  });
});
