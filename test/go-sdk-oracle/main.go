// Calls SCM with Huawei Cloud's own Go SDK, as an independent client of the emulator.
//
// It reads where to go and with what from the environment (SCM_ENDPOINT, IAM_ENDPOINT, the
// emulator's access keys, account and project ids, a certificate id and a missing one), calls
// list, show, export and a show of the missing id with each kind of credentials the SDK's SCM
// client takes, and prints one JSON object: every answer as the SDK's models parsed it. Nothing
// is printed elsewhere, so key material only reaches the test that reads standard output.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/global"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/region"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	scm "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/scm/v3"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/scm/v3/model"
)

type notFound struct {
	Status    int    `json:"status"`
	ErrorCode string `json:"errorCode"`
}

type run struct {
	Credentials string                           `json:"credentials"`
	List        *model.ListCertificatesResponse  `json:"list,omitempty"`
	Show        *model.ShowCertificateResponse   `json:"show,omitempty"`
	Export      *model.ExportCertificateResponse `json:"export,omitempty"`
	Missing     *notFound                        `json:"missing,omitempty"`
	Error       string                           `json:"error,omitempty"`
}

func env(name string) string {
	value := os.Getenv(name)
	if value == "" {
		fmt.Fprintf(os.Stderr, "%s is not set\n", name)
		os.Exit(2)
	}
	return value
}

func client(credential auth.ICredential) (*scm.ScmClient, error) {
	hc, err := scm.ScmClientBuilder().
		// A region, as users give one: only then does the SDK look the account id up at IAM.
		WithRegion(region.NewRegion("ap-southeast-1", env("SCM_ENDPOINT"))).
		WithCredential(credential).
		WithHttpConfig(config.DefaultHttpConfig().WithRetries(0)).
		SafeBuild()
	if err != nil {
		return nil, err
	}
	return scm.NewScmClient(hc), nil
}

func calls(name string, credential auth.ICredential, buildErr error) run {
	result := run{Credentials: name}
	if buildErr != nil {
		result.Error = buildErr.Error()
		return result
	}
	c, err := client(credential)
	if err != nil {
		result.Error = err.Error()
		return result
	}
	id := env("CERTIFICATE_ID")
	limit := int32(50)
	if result.List, err = c.ListCertificates(&model.ListCertificatesRequest{Limit: &limit}); err != nil {
		result.Error = "list: " + err.Error()
		return result
	}
	if result.Show, err = c.ShowCertificate(&model.ShowCertificateRequest{CertificateId: id}); err != nil {
		result.Error = "show: " + err.Error()
		return result
	}
	if result.Export, err = c.ExportCertificate(&model.ExportCertificateRequest{CertificateId: id}); err != nil {
		result.Error = "export: " + err.Error()
		return result
	}
	_, err = c.ShowCertificate(&model.ShowCertificateRequest{CertificateId: env("MISSING_ID")})
	var answer *sdkerr.ServiceResponseError
	if errors.As(err, &answer) {
		result.Missing = &notFound{Status: answer.StatusCode, ErrorCode: answer.ErrorCode}
	} else {
		result.Error = fmt.Sprintf("show of a missing id: want SCM's error answer, got %v", err)
	}
	return result
}

func main() {
	ak, sk := env("ACCESS_KEY"), env("SECRET_KEY")
	tempAk, tempSk, securityToken := env("TEMP_ACCESS_KEY"), env("TEMP_SECRET_KEY"), env("SECURITY_TOKEN")

	withDomain, err1 := global.NewCredentialsBuilder().WithAk(ak).WithSk(sk).
		WithDomainId(env("DOMAIN_ID")).SafeBuild()
	lookedUp, err2 := global.NewCredentialsBuilder().WithAk(ak).WithSk(sk).
		WithIamEndpointOverride(env("IAM_ENDPOINT")).SafeBuild()
	temporary, err3 := global.NewCredentialsBuilder().WithAk(tempAk).WithSk(tempSk).
		WithSecurityToken(securityToken).WithDomainId(env("DOMAIN_ID")).SafeBuild()
	project, err4 := basic.NewCredentialsBuilder().WithAk(ak).WithSk(sk).
		WithProjectId(env("PROJECT_ID")).SafeBuild()

	runs := []run{
		calls("global, account id given", withDomain, err1),
		calls("global, account id looked up at IAM", lookedUp, err2),
		calls("global, temporary key with security token", temporary, err3),
		calls("basic, project id given", project, err4),
	}
	out, err := json.Marshal(runs)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(out))
}
