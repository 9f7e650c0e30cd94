"""The provider package from Python: a command, and an invocation of it on two instances with a
secret parameter. `pulumi config set fail true` adds a run that fails, to see what a failure says."""
import pulumi
import pulumi_alicloud_ecs_invocation as ecs

config = pulumi.Config()
token = config.require_secret("token")

deploy = ecs.EcsCommand(
    "deploy",
    name="deploy-app",
    type="RunShellScript",
    enable_parameter=True,
    command_content="test -n '{{token}}' && echo deployed on {{ACS::InstanceId}}",
)
run = ecs.EcsInvocation(
    "deploy",
    command_id=deploy.id,
    instance_ids=["i-linux0000000000001", "i-linux0000000000002"],
    parameters={"token": token},
    # The command never prints the token: its output may stay readable.
    secret_output=False,
    opts=pulumi.ResourceOptions(custom_timeouts=pulumi.CustomTimeouts(create="10m")),
)
if config.get_bool("fail"):
    ecs.EcsInvocation("broken", command_content="echo giving up; exit 3", instance_ids=["i-linux0000000000001"])

pulumi.export("status", run.status)
pulumi.export("results", run.instances)
