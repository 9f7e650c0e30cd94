// Command pulumi-package-sdks writes the SDK of each language for a Pulumi package schema, with
// pkg/v3's own generators: `pulumi package gen-sdk` needs each language's host for this, and the
// Python and Go hosts are not served here (docs/package.md).
//
//	pulumi-package-sdks [-registration FILE] SCHEMA OUT_DIR LANGUAGE...   (languages: nodejs, python, go)
//
// The schema is validated against Pulumi's metaschema first; OUT_DIR/<language> is replaced whole.
// With -registration (the provider's resources/registration-stacks.ts), the Node.js SDK carries
// that module and its resources register through it (see registration.go).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	tsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-ecs-invocation"

func main() {
	registration := flag.String("registration", "", "the module the Node.js SDK's resources register through (registration-stacks.ts)")
	flag.Parse()
	if flag.NArg() < 3 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-package-sdks [-registration FILE] SCHEMA OUT_DIR LANGUAGE...")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), flag.Arg(1), flag.Args()[2:], *registration); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-package-sdks: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaPath, outDir string, languages []string, registrationPath string) error {
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var registration []byte
	if registrationPath != "" {
		if registration, err = os.ReadFile(registrationPath); err != nil {
			return err
		}
	}
	for _, language := range languages {
		// Each generator fills in the package's language section: bind a fresh copy for each.
		var spec schema.PackageSpec
		if err := json.Unmarshal(text, &spec); err != nil {
			return fmt.Errorf("%s: %w", schemaPath, err)
		}
		pkg, diags, err := schema.BindSpec(spec, noDependencies{}, schema.ValidationOptions{})
		if err != nil {
			return fmt.Errorf("binding %s: %w", schemaPath, err)
		}
		if diags.HasErrors() {
			for _, d := range diags {
				fmt.Fprintf(os.Stderr, "%s: %s %s\n", schemaPath, d.Summary, d.Detail)
			}
			return fmt.Errorf("%s is not a valid package schema (%d problems above)", schemaPath, len(diags))
		}
		var files map[string][]byte
		switch language {
		case "nodejs":
			files, err = tsgen.GeneratePackage(tool, pkg, nil, nil, false, noDependencies{})
			if err == nil && registration != nil {
				err = declareWithoutPromiseStacks(files, registration)
			}
		case "python":
			files, err = pygen.GeneratePackage(tool, pkg, nil, noDependencies{})
		case "go":
			files, err = gogen.GeneratePackage(tool, pkg, nil)
		default:
			return fmt.Errorf("unknown language %q (nodejs, python, go)", language)
		}
		if err != nil {
			return fmt.Errorf("generating the %s SDK: %w", language, err)
		}
		dir := filepath.Join(outDir, language)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		for name, content := range files {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, content, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// noDependencies is the schema loader of a package that refers to no other package: any request
// to load one is an error saying so.
type noDependencies struct{}

func (noDependencies) refuse(name string) error {
	return fmt.Errorf("the schema refers to package %q, but this package depends on none", name)
}

func (l noDependencies) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refuse(name)
}

func (l noDependencies) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refuse(d.Name)
}

func (l noDependencies) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refuse(name)
}

func (l noDependencies) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, l.refuse(d.Name)
}
