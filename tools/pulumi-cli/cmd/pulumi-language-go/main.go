// Command pulumi-language-go is this project's Go language host for the Pulumi CLI.
//
// Why it exists: Pulumi's own Go host is not served by the module mirror this project builds from
// (as for Node.js: see ../pulumi-language-nodejs). It runs a program the way the official host
// does: `go build` in the program's directory (or the prebuilt `runtime.options.binary`), then the
// binary with the engine's settings in the environment variables the Go SDK reads (PULUMI_MONITOR,
// PULUMI_ENGINE, PULUMI_PROJECT, PULUMI_STACK, PULUMI_CONFIG, PULUMI_DRY_RUN, …). `pulumi import`
// prints Go (pkg/v3's generator).
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"pulumi-ecs-invocation/tools/pulumi-cli/internal/langhost"
)

func main() {
	host := &goLanguageHost{Base: langhost.Base{EngineAddress: langhost.EngineAddress(os.Args[1:]), Installer: "the Go toolchain (go build fetches modules)"}}
	langhost.Serve("pulumi-language-go", host.EngineAddress, host)
}

type goLanguageHost struct {
	langhost.Base
}

func (h *goLanguageHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("go was not found on PATH")
	}
	out, err := exec.Command(goBin, "env", "GOVERSION").Output()
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{Executable: goBin, Version: string(out)}, nil
}

func (h *goLanguageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := langhost.ProgramDirectory(req)
	options := langhost.RuntimeOptions(req.GetInfo().GetOptions())
	binary := options["binary"]
	if binary != "" {
		binary = langhost.Resolve(programDir, binary)
	} else {
		built, cleanup, failure := build(ctx, programDir)
		if failure != "" {
			return &pulumirpc.RunResponse{Error: failure}, nil
		}
		defer cleanup()
		binary = built
	}
	config, err := langhost.ConfigEnvironment(req)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(), config...)
	env = append(env,
		"PULUMI_MONITOR="+req.GetMonitorAddress(),
		"PULUMI_ENGINE="+h.EngineAddress,
		"PULUMI_PROJECT="+req.GetProject(),
		"PULUMI_STACK="+req.GetStack(),
		"PULUMI_ORGANIZATION="+req.GetOrganization(),
		"PULUMI_ROOT_DIRECTORY="+req.GetInfo().GetRootDirectory(),
		"PULUMI_DRY_RUN="+strconv.FormatBool(req.GetDryRun()),
		"PULUMI_PARALLEL="+strconv.Itoa(int(req.GetParallel())),
	)
	cmd := exec.CommandContext(ctx, binary, req.GetArgs()...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	return langhost.RunResult(cmd.Run(), "the program"), nil
}

// build compiles the program into a temporary folder; the failure, if any, is what the user reads.
func build(ctx context.Context, programDir string) (string, func(), string) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", nil, "go was not found on PATH: install Go to run a Go program, or set runtime.options.binary to a prebuilt one"
	}
	dir, err := os.MkdirTemp("", "pulumi-go-program-")
	if err != nil {
		return "", nil, fmt.Sprintf("creating a build folder: %v", err)
	}
	cleanup := func() { _ = os.RemoveAll(dir) }
	out := filepath.Join(dir, "program")
	cmd := exec.CommandContext(ctx, goBin, "build", "-o", out, ".")
	cmd.Dir = programDir
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		cleanup()
		return "", nil, fmt.Sprintf("go build of the program in %s failed (%v): see the compiler's output above", programDir, err)
	}
	return out, cleanup, ""
}

// GenerateProgram prints `pulumi import`'s declarations in Go.
func (h *goLanguageHost) GenerateProgram(_ context.Context, req *pulumirpc.GenerateProgramRequest) (*pulumirpc.GenerateProgramResponse, error) {
	return langhost.GenerateProgram(req, "Go", gogen.GenerateProgram)
}
