"""The whole Cloud Assistant flow through the official Python SDK (alibabacloud_ecs20140526, ACS3
signatures), unmodified, against the endpoint in ECS_ENDPOINT (host:port, plain HTTP). Prints one
JSON object: what each step saw. test/conformance/sdks.test.ts runs it against the emulator."""
import base64
import json
import os
import sys
import time

from alibabacloud_ecs20140526 import models as ecs_models
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi import utils_models as open_api_models

REGION = os.environ["ECS_REGION"]


def client(secret=None):
    return Client(open_api_models.Config(
        access_key_id=os.environ["ECS_ACCESS_KEY_ID"],
        access_key_secret=secret or os.environ["ECS_ACCESS_KEY_SECRET"],
        endpoint=os.environ["ECS_ENDPOINT"], protocol="http", region_id=REGION,
        read_timeout=10000, connect_timeout=10000,
    ))


def error_of(call):
    """The SDK's error for a call that must fail: code and HTTP status."""
    try:
        call()
    except Exception as error:  # the SDK raises its own ClientException family
        return {"code": getattr(error, "code", type(error).__name__), "status": getattr(error, "status_code", None)}
    return {"code": None, "status": None}


def wait_for(ecs, invoke_id, done):
    for _ in range(400):
        body = ecs.describe_invocations(ecs_models.DescribeInvocationsRequest(
            region_id=REGION, invoke_id=invoke_id, include_output=True, content_encoding="PlainText")).body
        invocation = body.invocations.invocation[0]
        if done(invocation.invocation_status):
            return invocation
        time.sleep(0.05)
    raise TimeoutError(invoke_id)


def main():
    ecs = client()
    seen = {}
    instances = ecs.describe_instances(ecs_models.DescribeInstancesRequest(region_id=REGION)).body.instances.instance
    linux = [i.instance_id for i in instances if (i.ostype or "").lower() == "linux" and i.status == "Running"][:2]
    seen["instances"] = {"count": len(instances), "linux": linux}

    content = base64.b64encode(b"echo hello {{name}} on {{ACS::InstanceId}}").decode()
    command_id = ecs.create_command(ecs_models.CreateCommandRequest(
        region_id=REGION, name="conformance-python", type="RunShellScript", command_content=content, enable_parameter=True)).body.command_id
    seen["commandId"] = command_id

    invoke_id = ecs.invoke_command(ecs_models.InvokeCommandRequest(
        region_id=REGION, command_id=command_id, instance_id=linux, parameters={"name": "python"})).body.invoke_id
    done = wait_for(ecs, invoke_id, lambda s: s in ("Success", "Failed", "PartialFailed", "Stopped"))
    seen["invocation"] = {
        "status": done.invocation_status,
        "outputs": sorted(i.output for i in done.invoke_instances.invoke_instance),
        "exitCodes": [i.exit_code for i in done.invoke_instances.invoke_instance],
    }
    results = ecs.describe_invocation_results(ecs_models.DescribeInvocationResultsRequest(
        region_id=REGION, invoke_id=invoke_id)).body.invocation.invocation_results.invocation_result
    seen["results"] = sorted([r.instance_id, r.invocation_status, base64.b64decode(r.output).decode()] for r in results)

    long_run = ecs.run_command(ecs_models.RunCommandRequest(
        region_id=REGION, type="RunShellScript", command_content="sleep 30", instance_id=linux[:1])).body.invoke_id
    wait_for(ecs, long_run, lambda s: s == "Running")
    ecs.stop_invocation(ecs_models.StopInvocationRequest(region_id=REGION, invoke_id=long_run))
    stopped = wait_for(ecs, long_run, lambda s: s in ("Stopped", "Failed", "Success"))
    seen["stopped"] = {"status": stopped.invocation_status, "instance": stopped.invoke_instances.invoke_instance[0].invocation_status}

    seen["errors"] = {
        "unknownCommand": error_of(lambda: ecs.invoke_command(ecs_models.InvokeCommandRequest(
            region_id=REGION, command_id="c-doesnotexist", instance_id=linux[:1]))),
        "tooManyInstances": error_of(lambda: ecs.invoke_command(ecs_models.InvokeCommandRequest(
            region_id=REGION, command_id=command_id, instance_id=[f"i-many{n:04d}" for n in range(101)], parameters={"name": "x"}))),
        "unknownInvocation": error_of(lambda: ecs.stop_invocation(ecs_models.StopInvocationRequest(region_id=REGION, invoke_id="t-doesnotexist"))),
        "wrongSecret": error_of(lambda: client("not-the-secret").describe_regions(ecs_models.DescribeRegionsRequest())),
    }

    described = ecs.describe_commands(ecs_models.DescribeCommandsRequest(region_id=REGION, command_id=command_id)).body.commands.command
    seen["described"] = [c.name for c in described]
    ecs.delete_command(ecs_models.DeleteCommandRequest(region_id=REGION, command_id=command_id))
    seen["afterDelete"] = len(ecs.describe_commands(ecs_models.DescribeCommandsRequest(region_id=REGION, command_id=command_id)).body.commands.command)
    json.dump(seen, sys.stdout)


if __name__ == "__main__":
    main()
