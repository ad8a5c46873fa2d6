// A Pulumi Go program on the plugin's generated Go SDK: a certificate that follows a domain,
// wired into an HTTPS listener of a load balancer, and the listing a program chooses from.
//
// No cloud provider's plugin can be installed where it is tested, so the listener is a component
// of this program, holding what a load balancer's listener is given (Huawei Cloud ELB's takes the
// certificate with its chain and the private key): the engine keeps its outputs in the state as
// it keeps a real listener's, the key as a secret.
package main

import (
	"github.com/pulumi-huaweicloud-scm/pulumi-huaweicloud-scm/sdk/go/huaweicloudscm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// Listener is an HTTPS listener serving a certificate.
type Listener struct {
	pulumi.ResourceState

	Port        pulumi.IntOutput    `pulumi:"port"`
	Certificate pulumi.StringOutput `pulumi:"certificate"`
	PrivateKey  pulumi.StringOutput `pulumi:"privateKey"`
}

// ListenerArgs are what a listener is given: its port, the certificate followed by its chain, and
// the private key.
type ListenerArgs struct {
	Port        int
	Certificate pulumi.StringInput
	PrivateKey  pulumi.StringInput
}

func newListener(ctx *pulumi.Context, name string, args ListenerArgs, opts ...pulumi.ResourceOption) (*Listener, error) {
	listener := &Listener{}
	if err := ctx.RegisterComponentResource("scm-go:index:Listener", name, listener, opts...); err != nil {
		return nil, err
	}
	listener.Port = pulumi.Int(args.Port).ToIntOutput()
	listener.Certificate = args.Certificate.ToStringOutput()
	listener.PrivateKey = args.PrivateKey.ToStringOutput()
	return listener, ctx.RegisterResourceOutputs(listener, pulumi.Map{
		"port":        listener.Port,
		"certificate": listener.Certificate,
		"privateKey":  listener.PrivateKey,
	})
}

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		domain := config.New(ctx, "").Require("domain")

		shop, err := huaweicloudscm.NewScmExportedCertificate(ctx, "shop", &huaweicloudscm.ScmExportedCertificateArgs{
			Domain: pulumi.String(domain), // follows renewals
		})
		if err != nil {
			return err
		}

		listener, err := newListener(ctx, "shop-https", ListenerArgs{
			Port:        443,
			Certificate: shop.EntireCertificate, // the certificate and its chain
			PrivateKey:  shop.PrivateKey,        // a secret, and so the listener's copy too
		})
		if err != nil {
			return err
		}

		issued := huaweicloudscm.GetScmCertificatesOutput(ctx, huaweicloudscm.GetScmCertificatesOutputArgs{
			Domain: pulumi.String(domain),
			Status: pulumi.String("ISSUED"),
		})

		ctx.Export("certificateId", shop.CertificateId)
		ctx.Export("notAfter", shop.NotAfter)
		ctx.Export("privateKey", shop.PrivateKey)
		ctx.Export("listenerPort", listener.Port)
		ctx.Export("listenerCertificate", listener.Certificate)
		ctx.Export("listenerPrivateKey", listener.PrivateKey)
		ctx.Export("issued", issued.Certificates())
		return nil
	})
}
