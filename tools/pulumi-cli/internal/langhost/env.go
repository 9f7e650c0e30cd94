package langhost

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"google.golang.org/protobuf/types/known/structpb"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// ConfigEnvironment is the stack's configuration as every Pulumi SDK reads it: PULUMI_CONFIG (a
// JSON object), PULUMI_CONFIG_SECRET_KEYS (a JSON list) and PULUMI_CONFIG_PROPERTY_MAP.
func ConfigEnvironment(req *pulumirpc.RunRequest) ([]string, error) {
	// A stack without configuration sends no map: the SDKs need "{}", as they cannot read "null".
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
	env := []string{"PULUMI_CONFIG=" + string(config), "PULUMI_CONFIG_SECRET_KEYS=" + string(secrets)}
	if req.GetConfigPropertyMap() != nil {
		if propertyMap, err := req.GetConfigPropertyMap().MarshalJSON(); err == nil {
			env = append(env, "PULUMI_CONFIG_PROPERTY_MAP="+string(propertyMap))
		}
	}
	return env, nil
}

// RuntimeOptions flattens Pulumi.yaml's `runtime.options` into strings.
func RuntimeOptions(options *structpb.Struct) map[string]string {
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

// ProgramDirectory is where the program lives: the project's `main`, else the working directory.
func ProgramDirectory(req *pulumirpc.RunRequest) string {
	if dir := req.GetInfo().GetProgramDirectory(); dir != "" {
		return dir
	}
	return req.GetPwd()
}

// Resolve makes `path` (a runtime option) absolute against the program directory.
func Resolve(programDir, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(programDir, path)
}
