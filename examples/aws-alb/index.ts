import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ScmExportedCertificate } from "pulumi-huaweicloud-scm";

const config = new pulumi.Config();
const domain = config.require("domain");
const vpcId = config.require("vpcId");
const subnetIds = config.requireObject<string[]>("subnetIds");

// Follows the domain: when SCM holds a renewed certificate, the next `pulumi up` imports it.
const certificate = new ScmExportedCertificate("shop", { domain });

// ACM wants the leaf and its chain apart, so `certificate` (not `entireCertificate`) goes in the
// body. The private key stays a secret all the way: it is encrypted in the state and never shown.
const acmCertificate = new aws.acm.Certificate("shop", {
  certificateBody: certificate.certificate,
  certificateChain: certificate.certificateChain,
  privateKey: certificate.privateKey,
  tags: { "scm-certificate-id": certificate.certificateId },
});

const albSecurityGroup = new aws.ec2.SecurityGroup("shop-alb", {
  vpcId,
  description: "HTTPS from anywhere to the load balancer",
  ingress: [
    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
  ],
  egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});

const alb = new aws.lb.LoadBalancer("shop", {
  loadBalancerType: "application",
  subnets: subnetIds,
  securityGroups: [albSecurityGroup.id],
});

const targets = new aws.lb.TargetGroup("shop", { vpcId, port: 80, protocol: "HTTP", targetType: "ip" });

const https = new aws.lb.Listener("shop-https", {
  loadBalancerArn: alb.arn,
  port: 443,
  protocol: "HTTPS",
  sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
  certificateArn: acmCertificate.arn,
  defaultActions: [{ type: "forward", targetGroupArn: targets.arn }],
});

export const loadBalancerDnsName = alb.dnsName;
export const listenerArn = https.arn;
export const acmCertificateArn = acmCertificate.arn;
export const scmCertificateId = certificate.certificateId;
export const notAfter = certificate.notAfter;
