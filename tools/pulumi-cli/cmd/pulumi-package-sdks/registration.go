package main

import (
	"fmt"
	"regexp"
	"strings"
)

// registrationModule is the Node.js SDK's copy of the provider's resources/registration-stacks.ts,
// given on the command line (-registration): one source for both of the ways a program declares
// the package's resources. Not an extra file of the generator's: those are exported by index.ts,
// and this is no API of the SDK.
const registrationModule = "registration.ts"

const registrationHeader = "// *** WARNING: this file was copied by pulumi-ecs-invocation's SDK generator from the provider's\n" +
	"// provider/resources/registration-stacks.ts: edit it there, then run `npm run gen-package`. ***\n\n"

// tsconfigFiles opens the list of the modules tsconfig.json compiles.
const tsconfigFiles = "    \"files\": [\n"

// superCall is the generated constructor's last statement, registering the resource.
var superCall = regexp.MustCompile(`(?m)^( +)super\((\w+)\.__pulumiType, name, resourceInputs, opts\);$`)

const utilitiesImport = `import * as utilities from "./utilities";`

// declareWithoutPromiseStacks makes every resource class of the generated Node.js SDK register
// as the provider's own dynamic classes do (registration-stacks.ts says why): Pulumi's SDK formats a
// stack trace for four promises of each of a resource's properties, and EcsInvocation has 49, so a
// TypeScript program spent about 18 ms declaring each. Any generated file that declares a resource
// but no longer matches the shape patched here is an error: a Pulumi upgrade must not drop it
// silently.
func declareWithoutPromiseStacks(files map[string][]byte, registration []byte) error {
	tsconfig := string(files["tsconfig.json"])
	if strings.Count(tsconfig, tsconfigFiles) != 1 {
		return fmt.Errorf("tsconfig.json: expected one %q to list %s in: update declareWithoutPromiseStacks for this generator", strings.TrimSpace(tsconfigFiles), registrationModule)
	}
	files["tsconfig.json"] = []byte(strings.Replace(tsconfig, tsconfigFiles, tsconfigFiles+"        \""+registrationModule+"\",\n", 1))
	for name, content := range files {
		text := string(content)
		if !strings.HasSuffix(name, ".ts") || !strings.Contains(text, ".__pulumiType, name, resourceInputs, opts)") {
			continue
		}
		calls := superCall.FindAllStringSubmatchIndex(text, -1)
		if len(calls) != 1 || strings.Count(text, utilitiesImport) != 1 {
			return fmt.Errorf("%s: expected one `super(X.__pulumiType, name, resourceInputs, opts);` and one `%s` in the generated resource class, found %d and %d: update declareWithoutPromiseStacks for this generator",
				name, utilitiesImport, len(calls), strings.Count(text, utilitiesImport))
		}
		indent, statement := text[calls[0][2]:calls[0][3]], strings.TrimSpace(text[calls[0][0]:calls[0][1]])
		wrapped := strings.Join([]string{
			indent + "const stacks = withoutPromiseStacks();",
			indent + "try {",
			indent + "    " + statement,
			indent + "} catch (error) {",
			indent + "    throw stacks.located(error, new.target);",
			indent + "} finally {",
			indent + "    stacks.restore();",
			indent + "}",
		}, "\n")
		text = text[:calls[0][0]] + wrapped + text[calls[0][1]:]
		text = strings.Replace(text, utilitiesImport, utilitiesImport+"\nimport { withoutPromiseStacks } from \"./registration\";", 1)
		files[name] = []byte(text)
	}
	files[registrationModule] = append([]byte(registrationHeader), registration...)
	return nil
}
