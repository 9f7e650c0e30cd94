"""The provider package from Python: a command, and an invocation of it on two instances."""
import pulumi
import pulumi_alicloud_ecs_invocation as ecs

deploy = ecs.EcsCommand(
    "deploy",
    name="deploy-app",
    type="RunShellScript",
    command_content="echo deployed on {{ACS::InstanceId}}",
)
run = ecs.EcsInvocation(
    "deploy",
    command_id=deploy.id,
    instance_ids=["i-linux0000000000001", "i-linux0000000000002"],
    opts=pulumi.ResourceOptions(custom_timeouts=pulumi.CustomTimeouts(create="10m")),
)
pulumi.export("status", run.status)
pulumi.export("results", run.instances)
