// Command sdkgen validates the package schema with Pulumi's own schema binder and generates the Python and Go
// SDKs from it with Pulumi's own code generators, as `pulumi package add` does for a local package.
//
//	go run . -schema ../../schema.json -out ../../build/sdk          # validate, then generate python/ and go/
//	go run . -schema ../../schema.json -check                       # validate only
//
// The repository the SDKs are published from is package.json's `repository` (-package, ./package.json by default),
// the one place that names its owner: the Go SDK's module is `<repository>/sdk/go` (committed under sdk/go) and its
// package `<repository>/sdk/go/ecsfargate`; the Python SDK's project URLs point there too.
//
// Any binder diagnostic, error or warning, fails the run: a warning in the schema is a wart every Python and Go
// user sees in their generated SDK.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"

	"github.com/blang/semver"
	"github.com/hashicorp/hcl/v2"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// The name the generators record as the tool that wrote each file.
const tool = "ecs-fargate-sdkgen"

func main() {
	schemaPath := flag.String("schema", "schema.json", "path to the package schema")
	outDir := flag.String("out", "build/sdk", "directory that receives python/ and go/")
	checkOnly := flag.Bool("check", false, "validate the schema and generate nothing")
	packagePath := flag.String("package", "package.json", "package.json naming the repository the SDKs are published from")
	flag.Parse()

	if err := run(*schemaPath, *packagePath, *outDir, *checkOnly, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "sdkgen: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaPath, packagePath, outDir string, checkOnly bool, stdout io.Writer) error {
	repository, err := readRepository(packagePath)
	if err != nil {
		return err
	}
	pkg, err := bind(schemaPath, repository, stdout)
	if err != nil {
		return err
	}
	if checkOnly {
		return nil
	}
	generators := []struct {
		language string
		generate func(*schema.Package) (map[string][]byte, error)
	}{
		{"python", func(p *schema.Package) (map[string][]byte, error) {
			return pygen.GeneratePackage(tool, p, nil, noDependencies{})
		}},
		{"go", func(p *schema.Package) (map[string][]byte, error) {
			return gogen.GeneratePackage(tool, p, nil)
		}},
	}
	for _, g := range generators {
		files, err := g.generate(pkg)
		if err != nil {
			return fmt.Errorf("generating the %s SDK: %w", g.language, err)
		}
		dir := filepath.Join(outDir, g.language)
		if err := writeTree(dir, files); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s SDK: %d files in %s\n", g.language, len(files), dir)
	}
	return nil
}

// bind reads the schema as the Pulumi CLI does (JSON into a PackageSpec), validates it against the metaschema and
// binds it. It prints every diagnostic and fails on any of them.
func bind(schemaPath, repository string, stdout io.Writer) (*schema.Package, error) {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("%s is not a package schema: %w", schemaPath, err)
	}
	if err := publishFrom(&spec, repository); err != nil {
		return nil, err
	}
	pkg, diags, err := schema.BindSpec(spec, noDependencies{}, schema.ValidationOptions{})
	errorCount, warningCount := printDiagnostics(stdout, schemaPath, diags)
	if err != nil {
		return nil, fmt.Errorf("binding %s: %w", schemaPath, err)
	}
	fmt.Fprintf(stdout, "%s: %d errors, %d warnings\n", schemaPath, errorCount, warningCount)
	if errorCount+warningCount > 0 {
		return nil, fmt.Errorf("%s has %d errors and %d warnings; fix the component types it is inferred from",
			schemaPath, errorCount, warningCount)
	}
	// What `pulumi package add` sets for a local SDK: a go.mod inside the Go SDK and the schema's version in both.
	pkg.SupportPack = true
	return pkg, nil
}

// The Go package's directory under sdk/go, and so the last element of its import path.
const goPackage = "ecsfargate"

// repositoryPattern is what package.json's repository must be: a GitHub repository, as a Go module path needs.
var repositoryPattern = regexp.MustCompile(`^(?:git\+)?(?:https://|git://|ssh://git@|github:)?(?:github\.com[/:])?([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+?)(?:\.git)?/?$`)

// readRepository returns package.json's repository as `github.com/<owner>/<name>`.
func readRepository(packagePath string) (string, error) {
	raw, err := os.ReadFile(packagePath)
	if err != nil {
		return "", err
	}
	var manifest struct {
		Repository json.RawMessage `json:"repository"`
	}
	if err := json.Unmarshal(raw, &manifest); err != nil {
		return "", fmt.Errorf("%s is not JSON: %w", packagePath, err)
	}
	var url string
	if err := json.Unmarshal(manifest.Repository, &url); err != nil {
		var object struct {
			URL string `json:"url"`
		}
		if json.Unmarshal(manifest.Repository, &object) == nil {
			url = object.URL
		}
	}
	match := repositoryPattern.FindStringSubmatch(url)
	if match == nil {
		return "", fmt.Errorf("%s: `repository` %q is not a GitHub repository; set it to "+
			"{\"type\": \"git\", \"url\": \"https://github.com/<owner>/<name>.git\"}", packagePath, url)
	}
	return "github.com/" + match[1] + "/" + match[2], nil
}

// publishFrom points the SDKs at the repository they are published from: the Go import path (the go.mod sits one
// directory up, so the module is `<repository>/sdk/go`) and the schema's repository URL, which the Python
// project's metadata carries.
func publishFrom(spec *schema.PackageSpec, repository string) error {
	goInfo := map[string]any{}
	if raw, ok := spec.Language["go"]; ok {
		if err := json.Unmarshal(raw, &goInfo); err != nil {
			return fmt.Errorf("the schema's language.go: %w", err)
		}
	}
	goInfo["importBasePath"] = repository + "/sdk/go/" + goPackage
	raw, err := json.Marshal(goInfo)
	if err != nil {
		return err
	}
	if spec.Language == nil {
		spec.Language = map[string]schema.RawMessage{}
	}
	spec.Language["go"] = raw
	spec.Repository = "https://" + repository
	return nil
}

func printDiagnostics(w io.Writer, file string, diags hcl.Diagnostics) (errorCount, warningCount int) {
	for _, d := range diags {
		severity := "warning"
		if d.Severity == hcl.DiagError {
			severity = "error"
			errorCount++
		} else {
			warningCount++
		}
		where := file
		if d.Subject != nil && d.Subject.Filename != "" {
			where = d.Subject.Filename
		}
		detail := ""
		if d.Detail != "" {
			detail = ": " + d.Detail
		}
		fmt.Fprintf(w, "%s: %s: %s%s\n", where, severity, d.Summary, detail)
	}
	return errorCount, warningCount
}

// writeTree replaces dir with exactly the generated files, so a removed type leaves no stale module behind.
func writeTree(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// noDependencies is the schema loader for a package that references no other package: the component schema
// inferred from our TypeScript types has only primitive, array, map and own object or enum types. A reference to
// another package (say `aws:ec2/vpc:Vpc`) would need that package's schema, so it fails loudly here instead.
type noDependencies struct{}

var errNoDependencies = errors.New("ecs-fargate's schema must not reference other packages")

func (noDependencies) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("%w (it references %q)", errNoDependencies, name)
}

func (noDependencies) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, fmt.Errorf("%w (it references %q)", errNoDependencies, d.Name)
}

func (noDependencies) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("%w (it references %q)", errNoDependencies, name)
}

func (noDependencies) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, fmt.Errorf("%w (it references %q)", errNoDependencies, d.Name)
}
