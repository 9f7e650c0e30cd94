// The provider package from Go: a command, and an invocation of it on two instances.
package main

import (
	ecs "github.com/pulumi-ecs-invocation/sdk/go/alicloud-ecs-invocation"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		deploy, err := ecs.NewEcsCommand(ctx, "deploy", &ecs.EcsCommandArgs{
			Name:           pulumi.String("deploy-app"),
			Type:           pulumi.String("RunShellScript"),
			CommandContent: pulumi.String("echo deployed on {{ACS::InstanceId}}"),
		})
		if err != nil {
			return err
		}
		run, err := ecs.NewEcsInvocation(ctx, "deploy", &ecs.EcsInvocationArgs{
			CommandId:   deploy.ID().ToStringOutput(),
			InstanceIds: pulumi.StringArray{pulumi.String("i-linux0000000000001"), pulumi.String("i-linux0000000000002")},
		}, pulumi.Timeouts(&pulumi.CustomTimeouts{Create: "10m"}))
		if err != nil {
			return err
		}
		ctx.Export("status", run.Status)
		ctx.Export("results", run.Instances)
		return nil
	})
}
