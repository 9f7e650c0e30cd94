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
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"google.golang.org/grpc"
	pbempty "google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitCodeAfterReportedError is the code @pulumi/pulumi's runner exits with after it has already
// shown the user an actionable error; the engine must then not print a second, generic one.
const exitCodeAfterReportedError = 32

func main() {
	engineAddress := ""
	for _, arg := range os.Args[1:] {
		// The engine passes flags such as -root=DIR or -tracing=URL before the engine address.
		if !strings.HasPrefix(arg, "-") && engineAddress == "" {
			engineAddress = arg
		}
	}

	host := &nodeLanguageHost{engineAddress: engineAddress}
	// As the official host: stop serving once the engine that started it is gone (it checks every
	// five minutes), so a host left behind by a killed CLI does not linger.
	stop, err := engineHealthCheck(engineAddress)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not watch the engine: %v\n", err)
		os.Exit(1)
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start the gRPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from our first line of output.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: stopped serving: %v\n", err)
		os.Exit(1)
	}
}

// engineHealthCheck returns a channel closed once the engine stops answering (or on an interrupt).
func engineHealthCheck(engineAddress string) (chan bool, error) {
	stop := make(chan bool)
	if engineAddress == "" {
		return stop, nil
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	go func() {
		<-ctx.Done()
		cancel()
		close(stop)
	}()
	return stop, rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, cancel)
}

type nodeLanguageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func (h *nodeLanguageHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeLanguageHost) GetPluginInfo(context.Context, *pbempty.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// Programs here use only dynamic providers, which need no plugin download, so none are reported.
func (h *nodeLanguageHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *nodeLanguageHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *nodeLanguageHost) GetProgramDependencies(
	context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
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

// InstallDependencies is answered without installing anything: this project's scripts install
// node_modules themselves, and `pulumi install` is not part of its workflow.
func (h *nodeLanguageHost) InstallDependencies(
	_ *pulumirpc.InstallDependenciesRequest, stream pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	return stream.Send(&pulumirpc.InstallDependenciesResponse{
		Stdout: []byte("pulumi-language-nodejs (project build): dependencies are installed by `npm install`\n"),
	})
}

func (h *nodeLanguageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "node was not found on PATH; install Node.js 22 or run the project's scripts"}, nil
	}
	programDir := req.GetInfo().GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}
	runScript, err := findRunScript(programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	options := runtimeOptions(req.GetInfo().GetOptions())
	args := append(splitNodeArgs(options["nodeargs"]), runScript)
	args = append(args, runFlags(req, h.engineAddress)...)
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
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitCodeAfterReportedError {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
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
	// A stack without configuration sends no map: the SDK needs "{}", as it cannot read "null".
	configMap := req.GetConfig()
	if configMap == nil {
		configMap = map[string]string{}
	}
	config, err := json.Marshal(configMap)
	if err != nil {
		return nil, fmt.Errorf("serializing configuration: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secrets, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("serializing secret configuration keys: %w", err)
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secrets),
	)
	if req.GetConfigPropertyMap() != nil {
		propertyMap, err := req.GetConfigPropertyMap().MarshalJSON()
		if err == nil {
			env = append(env, "PULUMI_CONFIG_PROPERTY_MAP="+string(propertyMap))
		}
	}
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

// runtimeOptions flattens Pulumi.yaml's `runtime.options` into strings.
func runtimeOptions(options *structpb.Struct) map[string]string {
	flat := map[string]string{}
	for key, value := range options.GetFields() {
		switch kind := value.GetKind().(type) {
		case *structpb.Value_BoolValue:
			flat[key] = fmt.Sprint(kind.BoolValue)
		case *structpb.Value_StringValue:
			flat[key] = kind.StringValue
		case *structpb.Value_NumberValue:
			flat[key] = fmt.Sprint(kind.NumberValue)
		}
	}
	return flat
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
