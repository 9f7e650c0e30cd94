// Command pulumi-language-python is this project's Python language host for the Pulumi CLI.
//
// Why it exists: Pulumi's own Python host is not served by the module mirror this project builds
// from (as for Node.js: see ../pulumi-language-nodejs). It runs a program the way the official host
// does: the Python of the virtualenv Pulumi.yaml names (`runtime.options.virtualenv`), else
// PULUMI_PYTHON_CMD, else `python3` on PATH, with a runner (exec.py, embedded) given the same flags
// and the stack's configuration in the same environment variables. `pulumi import` prints Python
// (pkg/v3's generator).
package main

import (
	"context"
	_ "embed"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"pulumi-ecs-invocation/tools/pulumi-cli/internal/langhost"
)

//go:embed exec.py
var runner string

func main() {
	host := &pythonLanguageHost{Base: langhost.Base{EngineAddress: langhost.EngineAddress(os.Args[1:]), Installer: "pip, in the program's virtualenv"}}
	langhost.Serve("pulumi-language-python", host.EngineAddress, host)
}

type pythonLanguageHost struct {
	langhost.Base
}

// python is the interpreter a program runs with: its virtualenv's, PULUMI_PYTHON_CMD, or python3.
func python(programDir string, options map[string]string) (string, error) {
	if venv := options["virtualenv"]; venv != "" {
		return filepath.Join(langhost.Resolve(programDir, venv), "bin", "python"), nil
	}
	if command := os.Getenv("PULUMI_PYTHON_CMD"); command != "" {
		return exec.LookPath(command)
	}
	return exec.LookPath("python3")
}

func (h *pythonLanguageHost) About(_ context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	interpreter, err := python(req.GetInfo().GetProgramDirectory(), langhost.RuntimeOptions(req.GetInfo().GetOptions()))
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(interpreter, "--version").Output()
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{Executable: interpreter, Version: string(out)}, nil
}

func (h *pythonLanguageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := langhost.ProgramDirectory(req)
	options := langhost.RuntimeOptions(req.GetInfo().GetOptions())
	interpreter, err := python(programDir, options)
	if err != nil {
		return &pulumirpc.RunResponse{Error: "no Python found: set runtime.options.virtualenv in Pulumi.yaml, PULUMI_PYTHON_CMD, or put python3 on PATH"}, nil
	}
	if _, err := os.Stat(interpreter); err != nil {
		return &pulumirpc.RunResponse{Error: "the virtualenv's Python " + interpreter + " does not exist: create it (python3 -m venv) and install the program's requirements"}, nil
	}
	program := programDir
	if entry := req.GetInfo().GetEntryPoint(); entry != "" && entry != "." {
		program = langhost.Resolve(programDir, entry)
	}
	args := []string{"-u", "-c", runner}
	add := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.EngineAddress)
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("organization", req.GetOrganization())
	add("root_directory", req.GetInfo().GetRootDirectory())
	add("pwd", req.GetPwd())
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	if req.GetDryRun() {
		add("dry_run", "true")
	} else {
		add("dry_run", "false")
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	config, err := langhost.ConfigEnvironment(req)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, interpreter, args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(append(os.Environ(), config...), "PYTHONUNBUFFERED=1")
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	return langhost.RunResult(cmd.Run(), "python"), nil
}

// GenerateProgram prints `pulumi import`'s declarations in Python.
func (h *pythonLanguageHost) GenerateProgram(_ context.Context, req *pulumirpc.GenerateProgramRequest) (*pulumirpc.GenerateProgramResponse, error) {
	return langhost.GenerateProgram(req, "Python", pygen.GenerateProgram)
}
