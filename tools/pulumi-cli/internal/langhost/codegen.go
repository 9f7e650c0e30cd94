package langhost

// Code generation: what `pulumi import` asks of a language host to print the declaration of an
// imported resource in the program's language. The CLI hands over a PCL program and the address of
// a schema loader (which asks the provider plugin for its schema); pkg/v3's own binder and the
// language's generator do the rest, as in Pulumi's official hosts.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Generator is a pkg/v3 language generator's GenerateProgram.
type Generator func(*pcl.Program) (map[string][]byte, hcl.Diagnostics, error)

// GenerateProgram answers `pulumi import` in `language` with `generate`.
func GenerateProgram(req *pulumirpc.GenerateProgramRequest, language string, generate Generator) (*pulumirpc.GenerateProgramResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, fmt.Errorf("connecting to the schema loader: %w", err)
	}
	defer loader.Close()

	parser := syntax.NewParser()
	// Files in a stable order, so the same program always prints the same way.
	names := make([]string, 0, len(req.GetSource()))
	for name := range req.GetSource() {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := parser.ParseFile(strings.NewReader(req.GetSource()[name]), name); err != nil {
			return nil, fmt.Errorf("parsing %s: %w", name, err)
		}
	}
	diagnostics := hcl.Diagnostics{}
	diagnostics = append(diagnostics, parser.Diagnostics...)
	if diagnostics.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diagnostics)}, nil
	}

	options := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !req.GetStrict() {
		options = append(options, pcl.NonStrictBindOptions()...)
	}
	program, bindDiagnostics, err := pcl.BindProgram(parser.Files, schema.NewCachedLoader(loader), options...)
	diagnostics = append(diagnostics, bindDiagnostics...)
	if err != nil {
		return nil, fmt.Errorf("binding the program: %w", err)
	}
	if diagnostics.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diagnostics)}, nil
	}

	files, genDiagnostics, err := generate(program)
	diagnostics = append(diagnostics, genDiagnostics...)
	if err != nil {
		return nil, fmt.Errorf("generating %s: %w", language, err)
	}
	return &pulumirpc.GenerateProgramResponse{Source: files, Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diagnostics)}, nil
}
