/**
 * A Pulumi program run by the real-engine suite: one certificate from SCM with its key as PKCS#12
 * (`pfx`) and as encrypted PKCS#8 (`encryptedPrivateKey`), consumed by a second dynamic resource
 * standing in for a key vault, which makes a new version of its certificate whenever either changes.
 */

import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { ScmExportedCertificate } from "pulumi-huaweicloud-scm";

const config = new pulumi.Config();
const cert = new ScmExportedCertificate("shop", {
  certificateId: config.require("certificateId"),
  pfxPassword: config.requireSecret("pfxPassword"),
  privateKeyPassphrase: config.requireSecret("keyPassphrase"),
});

const sha256 = (text: unknown) => createHash("sha256").update(String(text)).digest("hex");

const vaultProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return {
      id: "vault-certificate",
      outs: { version: 1, pfxSha256: sha256(inputs.pfx), keySha256: sha256(inputs.key) },
    };
  },
  async update(_id, olds, news) {
    return {
      outs: { version: Number(olds.version) + 1, pfxSha256: sha256(news.pfx), keySha256: sha256(news.key) },
    };
  },
};

class VaultCertificate extends pulumi.dynamic.Resource {
  declare readonly version: pulumi.Output<number>;

  constructor(name: string, args: { pfx: pulumi.Input<string>; key: pulumi.Input<string> }) {
    super(
      vaultProvider,
      name,
      { ...args, version: undefined, pfxSha256: undefined, keySha256: undefined },
      {},
    );
  }
}

const vault = new VaultCertificate("vault", {
  pfx: cert.pfx.apply((pfx) => pfx ?? ""),
  key: cert.encryptedPrivateKey.apply((key) => key ?? ""),
});

export const vaultVersion = vault.version;
