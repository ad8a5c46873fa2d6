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

const SCM_TYPE = "pulumi-nodejs:dynamic:ScmExportedCertificate";
const ACM_TYPE = "aws:acm/certificate:Certificate";
const DOMAIN = "shop.example.com";

let emulator: ScmEmulator;
let held: EmulatedCertificate;
let run: MockRun;
let scm: RegisteredResource;
let acm: RegisteredResource;

beforeAll(async () => {
  ({ emulator, held, run } = await runExample("aws-alb", DOMAIN, {
    domain: DOMAIN,
    vpcId: "vpc-0a1b2c3d",
    subnetIds: JSON.stringify(["subnet-a", "subnet-b"]),
  }));
  scm = registered(run, SCM_TYPE);
  acm = registered(run, ACM_TYPE);
});

afterAll(async () => {
  await emulator?.stop();
});

describe("examples/aws-alb", () => {
  it("type-checks against @pulumi/aws and this package", () => {
    expect(() => typeCheck("examples/aws-alb")).not.toThrow();
  }, 180_000);

  it("exports the certificate SCM holds for the domain", () => {
    expect(plain(scm.inputs.domain)).toBe(DOMAIN);
    expect(emulator.requests.map((r) => r.path)).toContain(`/v3/scm/certificates/${held.id}/export`);
    expect(run.outputs.scmCertificateId).toEqual({ value: held.id, secret: false });
  });

  it("imports exactly the exported PEM into ACM: the leaf as body, the chain apart", () => {
    expect(acm.inputs.certificateBody).toBe(held.certificate);
    expect(acm.inputs.certificateChain).toBe(held.certificateChain);
    expect(acm.inputs.certificateChain).not.toContain(held.certificate);
    expect(plain(acm.inputs.privateKey)).toBe(held.privateKey);
  });

  it("hands ACM the private key as a secret, and the program holds it as one", () => {
    expect(isSecretInput(acm.inputs.privateKey)).toBe(true);
    expect(acm.secretProperties).toContain("privateKey");
    expect(scm.secretProperties).toContain("privateKey");
    expect(acm.secretProperties).not.toContain("certificateBody");
  });

  it("serves the ACM certificate on an HTTPS listener on 443 of an application load balancer", () => {
    const listener = registered(run, "aws:lb/listener:Listener");
    const alb = registered(run, "aws:lb/loadBalancer:LoadBalancer");
    expect(listener.inputs).toMatchObject({
      port: 443,
      protocol: "HTTPS",
      certificateArn: `arn:aws:mock:${ACM_TYPE}:shop`,
      loadBalancerArn: `arn:aws:mock:aws:lb/loadBalancer:LoadBalancer:${alb.name}`,
    });
    expect(alb.inputs).toMatchObject({ loadBalancerType: "application", subnets: ["subnet-a", "subnet-b"] });
  });

  it("shows the private key nowhere outside a secret", () => {
    const body = held.privateKey.split("\n")[1] as string;
    const visible = visibleOutsideSecrets(run);
    expect(visible).toContain("[secret]");
    expect(visible).not.toContain(body);
  });
});
