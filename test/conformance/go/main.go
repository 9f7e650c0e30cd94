// The whole Cloud Assistant flow through the official Go SDK (github.com/aliyun/alibaba-cloud-sdk-go,
// services/ecs: classic HMAC-SHA1 signatures, the client Terraform's alicloud provider is built on),
// unmodified, against the endpoint in ECS_ENDPOINT (host:port, plain HTTP). Prints one JSON object:
// what each step saw. test/conformance/sdks.test.ts runs it against the emulator.
package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/bssopenapi"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"
)

var region = os.Getenv("ECS_REGION")

// endpoint points a request at the emulator: plain HTTP to ECS_ENDPOINT.
func endpoint(request requests.AcsRequest) {
	request.SetDomain(os.Getenv("ECS_ENDPOINT"))
	request.SetScheme("HTTP")
}

func must[T any](value T, err error) T {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	return value
}

// failure is the SDK's error for a call that must fail: code and HTTP status.
func failure(err error) map[string]any {
	var server *sdkerrors.ServerError
	if errors.As(err, &server) {
		return map[string]any{"code": server.ErrorCode(), "status": server.HttpStatus()}
	}
	if err != nil {
		return map[string]any{"code": err.Error(), "status": nil}
	}
	return map[string]any{"code": nil, "status": nil}
}

func waitFor(client *ecs.Client, invokeID string, done func(string) bool) ecs.Invocation {
	for i := 0; i < 400; i++ {
		request := ecs.CreateDescribeInvocationsRequest()
		endpoint(request)
		request.RegionId = region
		request.InvokeId = invokeID
		request.IncludeOutput = requests.NewBoolean(true)
		request.ContentEncoding = "PlainText"
		found := must(client.DescribeInvocations(request)).Invocations.Invocation
		if len(found) > 0 && done(found[0].InvocationStatus) {
			return found[0]
		}
		time.Sleep(50 * time.Millisecond)
	}
	fmt.Fprintln(os.Stderr, "timed out waiting for", invokeID)
	os.Exit(1)
	return ecs.Invocation{}
}

func main() {
	client := must(ecs.NewClientWithAccessKey(region, os.Getenv("ECS_ACCESS_KEY_ID"), os.Getenv("ECS_ACCESS_KEY_SECRET")))
	seen := map[string]any{}

	listing := ecs.CreateDescribeInstancesRequest()
	endpoint(listing)
	listing.RegionId = region
	instances := must(client.DescribeInstances(listing)).Instances.Instance
	linux := []string{}
	for _, instance := range instances {
		if instance.OSType == "linux" && instance.Status == "Running" && len(linux) < 2 {
			linux = append(linux, instance.InstanceId)
		}
	}
	seen["instances"] = map[string]any{"count": len(instances), "linux": linux}

	create := ecs.CreateCreateCommandRequest()
	endpoint(create)
	create.RegionId = region
	create.Name = "conformance-go"
	create.Type = "RunShellScript"
	create.CommandContent = base64.StdEncoding.EncodeToString([]byte("echo hello {{name}} on {{ACS::InstanceId}}"))
	create.EnableParameter = requests.NewBoolean(true)
	commandID := must(client.CreateCommand(create)).CommandId
	seen["commandId"] = commandID

	invoke := ecs.CreateInvokeCommandRequest()
	endpoint(invoke)
	invoke.RegionId = region
	invoke.CommandId = commandID
	invoke.InstanceId = &linux
	invoke.Parameters = map[string]interface{}{"name": "go"}
	invokeID := must(client.InvokeCommand(invoke)).InvokeId
	done := waitFor(client, invokeID, func(s string) bool { return s == "Success" || s == "Failed" || s == "PartialFailed" || s == "Stopped" })
	outputs := []string{}
	exitCodes := []int64{}
	for _, instance := range done.InvokeInstances.InvokeInstance {
		outputs = append(outputs, instance.Output)
		exitCodes = append(exitCodes, instance.ExitCode)
	}
	sort.Strings(outputs)
	seen["invocation"] = map[string]any{"status": done.InvocationStatus, "outputs": outputs, "exitCodes": exitCodes}

	resultsRequest := ecs.CreateDescribeInvocationResultsRequest()
	endpoint(resultsRequest)
	resultsRequest.RegionId = region
	resultsRequest.InvokeId = invokeID
	results := [][]string{}
	for _, result := range must(client.DescribeInvocationResults(resultsRequest)).Invocation.InvocationResults.InvocationResult {
		output := must(base64.StdEncoding.DecodeString(result.Output))
		results = append(results, []string{result.InstanceId, result.InvocationStatus, string(output)})
	}
	sort.Slice(results, func(i, j int) bool { return results[i][0] < results[j][0] })
	seen["results"] = results

	run := ecs.CreateRunCommandRequest()
	endpoint(run)
	run.RegionId = region
	run.Type = "RunShellScript"
	run.CommandContent = "sleep 30"
	first := linux[:1]
	run.InstanceId = &first
	longRun := must(client.RunCommand(run)).InvokeId
	waitFor(client, longRun, func(s string) bool { return s == "Running" })
	stop := ecs.CreateStopInvocationRequest()
	endpoint(stop)
	stop.RegionId = region
	stop.InvokeId = longRun
	must(client.StopInvocation(stop))
	stopped := waitFor(client, longRun, func(s string) bool { return s == "Stopped" || s == "Failed" || s == "Success" })
	seen["stopped"] = map[string]any{"status": stopped.InvocationStatus, "instance": stopped.InvokeInstances.InvokeInstance[0].InvocationStatus}

	unknownCommand := ecs.CreateInvokeCommandRequest()
	endpoint(unknownCommand)
	unknownCommand.RegionId = region
	unknownCommand.CommandId = "c-doesnotexist"
	unknownCommand.InstanceId = &first
	_, unknownCommandErr := client.InvokeCommand(unknownCommand)
	many := []string{}
	for n := 0; n < 101; n++ {
		many = append(many, fmt.Sprintf("i-many%04d", n))
	}
	tooMany := ecs.CreateInvokeCommandRequest()
	endpoint(tooMany)
	tooMany.RegionId = region
	tooMany.CommandId = commandID
	tooMany.InstanceId = &many
	tooMany.Parameters = map[string]interface{}{"name": "x"}
	_, tooManyErr := client.InvokeCommand(tooMany)
	unknownInvocation := ecs.CreateStopInvocationRequest()
	endpoint(unknownInvocation)
	unknownInvocation.RegionId = region
	unknownInvocation.InvokeId = "t-doesnotexist"
	_, unknownInvocationErr := client.StopInvocation(unknownInvocation)
	wrong := must(ecs.NewClientWithAccessKey(region, os.Getenv("ECS_ACCESS_KEY_ID"), "not-the-secret"))
	regions := ecs.CreateDescribeRegionsRequest()
	endpoint(regions)
	_, wrongSecretErr := wrong.DescribeRegions(regions)
	seen["errors"] = map[string]any{
		"unknownCommand": failure(unknownCommandErr), "tooManyInstances": failure(tooManyErr),
		"unknownInvocation": failure(unknownInvocationErr), "wrongSecret": failure(wrongSecretErr),
	}
	// The SDK compares the string to sign the gateway quotes in SignatureDoesNotMatch's message with
	// its own: equal means the secret is wrong, and it says so in Recommend.
	var signature *sdkerrors.ServerError
	if errors.As(wrongSecretErr, &signature) {
		seen["wrongSecretRecommend"] = signature.Recommend()
		seen["wrongSecretRequestId"] = signature.RequestId() != "" && signature.HostId() != ""
	}

	describe := func() []string {
		request := ecs.CreateDescribeCommandsRequest()
		endpoint(request)
		request.RegionId = region
		request.CommandId = commandID
		names := []string{}
		for _, command := range must(client.DescribeCommands(request)).Commands.Command {
			names = append(names, command.Name)
		}
		return names
	}
	seen["described"] = describe()
	remove := ecs.CreateDeleteCommandRequest()
	endpoint(remove)
	remove.RegionId = region
	remove.CommandId = commandID
	must(client.DeleteCommand(remove))
	seen["afterDelete"] = len(describe())
	// Terraform's alicloud provider asks BssOpenApi this at start when account_type is not set: an
	// answer means a domestic account.
	billing := must(bssopenapi.NewClientWithAccessKey(region, os.Getenv("ECS_ACCESS_KEY_ID"), os.Getenv("ECS_ACCESS_KEY_SECRET")))
	accountCheck := bssopenapi.CreateQueryAvailableInstancesRequest()
	endpoint(accountCheck)
	accountCheck.PageSize = requests.NewInteger(50)
	accountCheck.PageNum = requests.NewInteger(1)
	accountCheck.ProductCode = "vipcloudfw"
	accountCheck.ProductType = "vipcloudfw"
	accountCheck.SubscriptionType = "Subscription"
	subscriptions := must(billing.QueryAvailableInstances(accountCheck))
	seen["accountCheck"] = map[string]any{"success": subscriptions.Success, "code": subscriptions.Code, "totalCount": subscriptions.Data.TotalCount, "pageSize": subscriptions.Data.PageSize}
	must(0, json.NewEncoder(os.Stdout).Encode(seen))
}
