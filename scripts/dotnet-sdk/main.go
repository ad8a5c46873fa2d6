// Writes the .NET SDK of a Pulumi package from its schema with Pulumi's own .NET code generator,
// the one `pulumi package gen-sdk --language dotnet` runs through pulumi-language-dotnet: that
// language host is not a module the Go module proxy serves, and this generator is, in
// github.com/pulumi/pulumi/pkg/v3 up to its move into the host (the version pulumi-language-yaml
// also builds with).
//
//	go run . <schema.json> <out dir> <repository checkout>
//
// The generator downloads the schema's logoUrl into the SDK. Here that URL names a file of this
// repository on GitHub, so it is read from the checkout instead; any other download is refused,
// and the SDK is made offline, from the committed bytes.
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// checkoutFiles answers the raw GitHub URLs of the repository's default branch from the checkout.
type checkoutFiles struct {
	prefix string
	root   string
}

func (c checkoutFiles) RoundTrip(request *http.Request) (*http.Response, error) {
	url := request.URL.String()
	if !strings.HasPrefix(url, c.prefix) {
		return nil, fmt.Errorf("no download while generating the SDK: %s", url)
	}
	file, err := os.Open(filepath.Join(c.root, filepath.FromSlash(strings.TrimPrefix(url, c.prefix))))
	if err != nil {
		return nil, err
	}
	return &http.Response{StatusCode: http.StatusOK, Body: file, Request: request}, nil
}

func generate(schemaPath, out, checkout string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	repository := strings.TrimPrefix(spec.Repository, "https://github.com/")
	http.DefaultTransport = checkoutFiles{
		prefix: "https://raw.githubusercontent.com/" + repository + "/main/",
		root:   checkout,
	}
	languages := map[string]schema.Language{"csharp": dotnet.Importer}
	pkg, err := schema.ImportSpec(spec, languages, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	files, err := dotnet.GeneratePackage("pulumi", pkg, nil, nil)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: dotnet-sdk <schema.json> <out dir> <repository checkout>")
		os.Exit(2)
	}
	if err := generate(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

