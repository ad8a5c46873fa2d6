/**
 * The quick start: one certificate exported from SCM, from stack config in this project's
 * namespace (`domain` or `certificateId`). Run `npm run build` first: the program loads the
 * package by its name, which here resolves to this repository's `dist/`.
 */

import * as pulumi from "@pulumi/pulumi";
import { ScmExportedCertificate } from "pulumi-huaweicloud-scm";

const config = new pulumi.Config();
const domain = config.get("domain");
const certificateId = config.get("certificateId");
if (!domain === !certificateId) {
  throw new pulumi.RunError(
    "Set exactly one of: `pulumi config set domain shop.example.com` (follow renewals) or " +
      "`pulumi config set certificateId scs1627959834994` (one certificate).",
  );
}

const exported = new ScmExportedCertificate("certificate", domain ? { domain } : { certificateId });

export const scmCertificateId = exported.certificateId;
export const certificate = exported.certificate;
export const certificateChain = exported.certificateChain;
export const notAfter = exported.notAfter;
/** A secret: `pulumi stack output privateKey --show-secrets` shows it. */
export const privateKey = exported.privateKey;
