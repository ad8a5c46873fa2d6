import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ScmExportedCertificate } from "pulumi-huaweicloud-scm";

const config = new pulumi.Config();
const host = config.require("host");
const elbId = config.require("elbId");
const elbClass = config.get("elbClass") ?? "performance";
const serviceName = config.get("serviceName") ?? "shop";
const servicePort = config.getNumber("servicePort") ?? 80;
const namespace = config.get("namespace") ?? "default";

// Follows the host's domain: when SCM holds a renewed certificate, the next `pulumi up` writes it
// into the Secret, and CCE hands it to the load balancer's listener.
const certificate = new ScmExportedCertificate("shop", { domain: host });

// `tls.crt` takes the certificate followed by its intermediates (`entireCertificate`): the ELB
// sends what it is given, and a client that lacks the intermediate cannot verify a leaf alone.
// The Kubernetes provider keeps `stringData` a secret in the state, as the key already is.
const tlsSecret = new k8s.core.v1.Secret("shop-tls", {
  metadata: { name: "shop-tls", namespace },
  type: "kubernetes.io/tls",
  stringData: {
    "tls.crt": certificate.entireCertificate,
    "tls.key": certificate.privateKey,
  },
});

// A LoadBalancer ingress of CCE (cluster v1.23 or later): the annotations attach it to an existing
// ELB and open an HTTPS listener on 443 with the certificate from the Secret.
const ingress = new k8s.networking.v1.Ingress("shop", {
  metadata: {
    name: "shop",
    namespace,
    annotations: {
      "kubernetes.io/elb.class": elbClass,
      "kubernetes.io/elb.id": elbId,
      "kubernetes.io/elb.port": "443",
    },
  },
  spec: {
    ingressClassName: "cce",
    tls: [{ hosts: [host], secretName: tlsSecret.metadata.name }],
    rules: [
      {
        host,
        http: {
          paths: [
            {
              path: "/",
              pathType: "ImplementationSpecific",
              backend: { service: { name: serviceName, port: { number: servicePort } } },
            },
          ],
        },
      },
    ],
  },
});

export const secretName = tlsSecret.metadata.name;
export const ingressName = ingress.metadata.name;
export const scmCertificateId = certificate.certificateId;
export const notAfter = certificate.notAfter;
