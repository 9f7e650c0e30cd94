package main

import (
	"context"

	tsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"pulumi-ecs-invocation/tools/pulumi-cli/internal/langhost"
)

// GenerateProgram prints `pulumi import`'s declarations in TypeScript (pkg/v3's generator).
func (h *nodeLanguageHost) GenerateProgram(_ context.Context, req *pulumirpc.GenerateProgramRequest) (*pulumirpc.GenerateProgramResponse, error) {
	return langhost.GenerateProgram(req, "TypeScript", tsgen.GenerateProgram)
}
