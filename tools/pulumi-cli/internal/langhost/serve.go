// Package langhost holds what this project's language hosts (Node.js, Python, Go) share: serving
// the LanguageRuntime protocol to the engine, the environment a program is run with, the answers
// that do not depend on the language, and code generation for `pulumi import`.
//
// The official hosts are not served by the module mirror this project builds from; these stand in
// for them and behave as they do (the same flags, environment variables and exit-code handling).
package langhost

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// ExitCodeAfterReportedError is the code Pulumi's SDKs exit with after they have already shown the
// user an actionable error; the engine must then not print a second, generic one.
const ExitCodeAfterReportedError = 32

// EngineAddress is the engine's address among the host's arguments (flags such as -root=DIR or
// -tracing=URL come first).
func EngineAddress(args []string) string {
	for _, arg := range args {
		if !strings.HasPrefix(arg, "-") {
			return arg
		}
	}
	return ""
}

// Serve serves `host` until the engine that started it is gone, printing the port first (the
// engine reads it from the first line of output). It never returns.
func Serve(name string, engineAddress string, host pulumirpc.LanguageRuntimeServer) {
	// As the official hosts: stop serving once the engine stops answering (checked every five
	// minutes), so a host left behind by a killed CLI does not linger.
	stop, err := engineHealthCheck(engineAddress)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: could not watch the engine: %v\n", name, err)
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
		fmt.Fprintf(os.Stderr, "%s: could not start the gRPC server: %v\n", name, err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "%s: stopped serving: %v\n", name, err)
		os.Exit(1)
	}
	os.Exit(0)
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
