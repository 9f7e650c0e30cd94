"""The legacy Python SDK (aliyun-python-sdk-core) given a wrong AccessKey secret.

It compares the string it signed with the one the gateway's SignatureDoesNotMatch message names,
and when they agree it reports the secret as the culprit (InvalidAccessKeySecret). It prints what
it reported, as JSON.
"""
import json
import os

from aliyunsdkcore.acs_exception.exceptions import ClientException, ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.request import RpcRequest

client = AcsClient(os.environ["ECS_ACCESS_KEY_ID"], "not-the-secret", os.environ["ECS_REGION"])
# A typed request, as the generated product SDKs (aliyun-python-sdk-ecs) make them.
request = RpcRequest("Ecs", "2014-05-26", "DescribeRegions")
request.set_endpoint(os.environ["ECS_ENDPOINT"])
request.set_protocol_type("http")
request.set_accept_format("json")
try:
    client.do_action_with_exception(request)
    print(json.dumps({"reported": None}))
except ServerException as error:
    print(json.dumps({"reported": error.get_error_code(), "status": error.get_http_status()}))
except ClientException as error:
    print(json.dumps({"reported": error.get_error_code(), "message": error.get_error_msg()}))
