// The provider package from Go: a command, and an invocation of it on two instances with a secret
// parameter. `pulumi config set fail true` adds a run that fails, to see what a failure says.
package main

import (
	ecs "github.com/pulumi-ecs-invocation/pulumi-ecs-invocation/sdk/go/alicloud-ecs-invocation"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		conf := config.New(ctx, "")
		deploy, err := ecs.NewEcsCommand(ctx, "deploy", &ecs.EcsCommandArgs{
			Name:            pulumi.String("deploy-app"),
			Type:            pulumi.String("RunShellScript"),
			EnableParameter: pulumi.Bool(true),
			CommandContent:  pulumi.String("test -n '{{token}}' && echo deployed on {{ACS::InstanceId}}"),
		})
		if err != nil {
			return err
		}
		run, err := ecs.NewEcsInvocation(ctx, "deploy", &ecs.EcsInvocationArgs{
			CommandId:   deploy.ID().ToStringOutput(),
			InstanceIds: pulumi.StringArray{pulumi.String("i-linux0000000000001"), pulumi.String("i-linux0000000000002")},
			Parameters:  pulumi.StringMap{"token": conf.RequireSecret("token")},
			// The command never prints the token: its output may stay readable.
			SecretOutput: pulumi.Bool(false),
		}, pulumi.Timeouts(&pulumi.CustomTimeouts{Create: "10m"}))
		if err != nil {
			return err
		}
		if conf.GetBool("fail") {
			if _, err := ecs.NewEcsInvocation(ctx, "broken", &ecs.EcsInvocationArgs{
				CommandContent: pulumi.String("echo giving up; exit 3"),
				InstanceIds:    pulumi.StringArray{pulumi.String("i-linux0000000000001")},
			}); err != nil {
				return err
			}
		}
		ctx.Export("status", run.Status)
		ctx.Export("results", run.Instances)
		return nil
	})
}
