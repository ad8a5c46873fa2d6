/**
 * A Pulumi program run by the real-engine suite: one certificate from SCM, by id or following a
 * domain (stack config `certificateId` or `domain`), wired into a listener, a second dynamic
 * resource standing in for a load balancer that keeps digests of what it was given.
 */

import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { ScmExportedCertificate } from "pulumi-huaweicloud-scm";

const config = new pulumi.Config();
const domain = config.get("domain");
const cert = new ScmExportedCertificate("shop", {
  ...(domain ? { domain } : { certificateId: config.require("certificateId") }),
  // Set with `pulumi config set --secret`: the key as PKCS#12 and as encrypted PKCS#8 too.
  pfxPassword: config.getSecret("pfxPassword"),
  privateKeyPassphrase: config.getSecret("keyPassphrase"),
});

function digests(inputs: Record<string, string>): Record<string, string> {
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
  return {
    certificateSha256: sha256(inputs.certificate ?? ""),
    privateKeySha256: sha256(inputs.privateKey ?? ""),
  };
}

const listenerProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: "listener", outs: digests(inputs) };
  },
  async update(_id, _olds, news) {
    return { outs: digests(news) };
  },
};

class Listener extends pulumi.dynamic.Resource {
  declare readonly certificateSha256: pulumi.Output<string>;
  declare readonly privateKeySha256: pulumi.Output<string>;

  constructor(name: string, args: { certificate: pulumi.Input<string>; privateKey: pulumi.Input<string> }) {
    super(listenerProvider, name, { ...args, certificateSha256: undefined, privateKeySha256: undefined }, {});
  }
}

const listener = new Listener("listener", {
  certificate: cert.entireCertificate,
  privateKey: cert.privateKey,
});

export const certificateId = cert.certificateId;
export const notAfter = cert.notAfter;
export const privateKey = cert.privateKey;
export const privateKeyPkcs8 = cert.privateKeyPkcs8;
export const combinedPem = cert.combinedPem;
export const entireCertificate = cert.entireCertificate;
export const listenerCertificateSha256 = listener.certificateSha256;
export const listenerPrivateKeySha256 = listener.privateKeySha256;
