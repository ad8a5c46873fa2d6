import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ScmExportedCertificate } from "pulumi-huaweicloud-scm";

const config = new pulumi.Config();
const host = config.require("host");
const keystorePassword = config.requireSecret("keystorePassword");
const image = config.get("image") ?? "registry.example.com/shop:1.0";
const namespace = config.get("namespace") ?? "default";

// Follows the domain: a renewal in SCM reaches the keystore on the next `pulumi up`. The PFX is
// built in memory from the export, with the certificate, its chain and the key in one entry.
const certificate = new ScmExportedCertificate("shop", { domain: host, pfxPassword: keystorePassword });

// `data` takes base64, which `pfx` already is. The Kubernetes provider keeps a Secret's data
// secret in the state, and `pfx` arrives as a secret already.
const keystore = new k8s.core.v1.Secret("shop-keystore", {
  metadata: { name: "shop-keystore", namespace },
  type: "Opaque",
  data: { "keystore.p12": certificate.pfx.apply((pfx) => pfx ?? "") },
  stringData: { "keystore-password": keystorePassword },
});

const labels = { app: "shop" };
// Spring Boot reads its TLS settings from the environment: the keystore file and its password.
const deployment = new k8s.apps.v1.Deployment("shop", {
  metadata: { name: "shop", namespace },
  spec: {
    selector: { matchLabels: labels },
    replicas: 2,
    template: {
      metadata: {
        labels,
        // A new keystore rolls the pods: the JVM reads the file at start only.
        annotations: { "scm.example.com/certificate-id": certificate.certificateId },
      },
      spec: {
        containers: [
          {
            name: "shop",
            image,
            ports: [{ containerPort: 8443, name: "https" }],
            env: [
              { name: "SERVER_PORT", value: "8443" },
              { name: "SERVER_SSL_KEY_STORE", value: "/etc/keystore/keystore.p12" },
              { name: "SERVER_SSL_KEY_STORE_TYPE", value: "PKCS12" },
              {
                name: "SERVER_SSL_KEY_STORE_PASSWORD",
                valueFrom: { secretKeyRef: { name: keystore.metadata.name, key: "keystore-password" } },
              },
            ],
            volumeMounts: [{ name: "keystore", mountPath: "/etc/keystore", readOnly: true }],
          },
        ],
        volumes: [
          {
            name: "keystore",
            secret: {
              secretName: keystore.metadata.name,
              items: [{ key: "keystore.p12", path: "keystore.p12" }],
            },
          },
        ],
      },
    },
  },
});

export const secretName = keystore.metadata.name;
export const deploymentName = deployment.metadata.name;
export const scmCertificateId = certificate.certificateId;
export const notAfter = certificate.notAfter;
