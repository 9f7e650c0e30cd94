// Command pulumi-language-nodejs is a minimal Node.js language host for the Pulumi CLI.
//
// Why it exists: Pulumi's own language host lives in the untagged Go module
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, and the Go module mirror this
// project builds from serves no version of it (every pseudo-version for the v3.259.0 commit answers
// 403). This host implements the part of the LanguageRuntime protocol that `pulumi preview/up/
// refresh/destroy` use for a TypeScript program: it starts `@pulumi/pulumi/cmd/run` under the `node`
// found on PATH with the same flags and environment variables the official host passes. Package
// installation, policy packs and plugin hosting are left to the official host; code generation for
// `pulumi import` (GenerateProgram) is served too, in codegen.go.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"pulumi-ecs-invocation/tools/pulumi-cli/internal/langhost"
)

func main() {
	host := &nodeLanguageHost{Base: langhost.Base{EngineAddress: langhost.EngineAddress(os.Args[1:]), Installer: "`npm install`"}}
	langhost.Serve("pulumi-language-nodejs", host.EngineAddress, host)
}

type nodeLanguageHost struct {
	langhost.Base
}

func (h *nodeLanguageHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errors.New("node was not found on PATH")
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running %s --version: %w", node, err)
	}
	return &pulumirpc.AboutResponse{Executable: node, Version: strings.TrimSpace(string(out))}, nil
}

func (h *nodeLanguageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "node was not found on PATH; install Node.js 22 or run the project's scripts"}, nil
	}
	programDir := langhost.ProgramDirectory(req)
	runScript, err := findRunScript(programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	options := langhost.RuntimeOptions(req.GetInfo().GetOptions())
	args := append(splitNodeArgs(options["nodeargs"]), runScript)
	args = append(args, runFlags(req, h.EngineAddress)...)
	args = append(args, programArgument(req))
	args = append(args, req.GetArgs()...)

	env, err := runEnvironment(req, options)
	if err != nil {
		return nil, err
	}

	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	return langhost.RunResult(cmd.Run(), "node"), nil
}

// runFlags are the command-line flags @pulumi/pulumi/cmd/run understands.
func runFlags(req *pulumirpc.RunRequest, engineAddress string) []string {
	var flags []string
	add := func(name, value string) {
		if value != "" {
			flags = append(flags, "--"+name, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("pwd", req.GetPwd())
	add("root-directory", req.GetInfo().GetRootDirectory())
	if req.GetDryRun() {
		flags = append(flags, "--dry-run")
	}
	add("parallel", fmt.Sprint(req.GetParallel()))
	return flags
}

// programArgument is what the runner requires: "." lets it find the entry point from package.json,
// anything else is the entry point itself, made absolute against the program directory.
func programArgument(req *pulumirpc.RunRequest) string {
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" || entry == "." {
		if req.GetProgram() != "" {
			return req.GetProgram()
		}
		return "."
	}
	if filepath.IsAbs(entry) {
		return entry
	}
	return filepath.Join(req.GetInfo().GetProgramDirectory(), entry)
}

func runEnvironment(req *pulumirpc.RunRequest, options map[string]string) ([]string, error) {
	config, err := langhost.ConfigEnvironment(req)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(), config...)
	typescript := options["typescript"]
	if typescript == "" {
		typescript = "true"
	}
	env = append(env, "PULUMI_NODEJS_TYPESCRIPT="+typescript)
	if tsconfig := options["tsconfig"]; tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}
	return env, nil
}

func splitNodeArgs(raw string) []string {
	return strings.Fields(raw)
}

// findRunScript resolves @pulumi/pulumi the way Node does: from the program directory upwards.
func findRunScript(programDir string) (string, error) {
	for dir := programDir; ; dir = filepath.Dir(dir) {
		candidate := filepath.Join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "run")
		if info, err := os.Stat(candidate); err == nil && info.IsDir() {
			return candidate, nil
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	return "", fmt.Errorf("@pulumi/pulumi is not installed for the program in %s: run `npm install` there", programDir)
}
