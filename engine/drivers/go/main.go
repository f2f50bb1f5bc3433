// Command go-driver runs a Go example through the real Pulumi CLI as an Automation API inline program: the Go
// language host cannot be had here, so the CLI talks to the Go SDK's in-process language server. The program is
// chosen by the project's name (`Pulumi.yaml` `name`, which engine/local.ts passes as -project): the demo
// (examples/go/demo) or the platform (examples/go-platform/platform).
// engine/local.ts starts it with the local workspace's environment (file backend, simulated cloud, plugins on
// PATH) and reads the last line: `ECS_FARGATE_RESULT {"changes":{…},"outputs":{…}}`. On a failure it exits
// with the CLI's exit code.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/ecs-fargate/examples/go-platform/platform"
	"github.com/ecs-fargate/examples/go/demo"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// programs are the Go programs this driver can run, by their project's name (the examples' Pulumi.yaml `name`).
var programs = map[string]pulumi.RunFunc{
	"ecs-fargate-demo":     demo.Program,
	"ecs-fargate-platform": platform.Program,
}

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

var exitCode = regexp.MustCompile(`code: (-?\d+)`)

func main() {
	op := flag.String("op", "up", "preview, up, destroy or refresh")
	stackName := flag.String("stack", "dev", "the stack")
	project := flag.String("project", "ecs-fargate-demo", "the project's name, which picks the program")
	work := flag.String("work", "", "the workspace folder (Pulumi.yaml and Pulumi.<stack>.yaml)")
	cliRoot := flag.String("cli-root", "", "the folder whose bin/pulumi is the CLI")
	var packs, packConfigs list
	flag.Var(&packs, "policy-pack", "a policy pack (repeatable)")
	flag.Var(&packConfigs, "policy-pack-config", "a policy pack's config file (repeatable)")
	flag.Parse()

	program, ok := programs[*project]
	if !ok {
		names := make([]string, 0, len(programs))
		for name := range programs {
			names = append(names, name)
		}
		sort.Strings(names)
		fmt.Fprintf(os.Stderr, "no Go program for project %q: this driver runs %s\n", *project, strings.Join(names, ", "))
		os.Exit(2)
	}
	ctx := context.Background()
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: *cliRoot})
	if err != nil {
		fail(err)
	}
	stack, err := auto.UpsertStackInlineSource(ctx, *stackName, *project, program, auto.WorkDir(*work), auto.Pulumi(cmd))
	if err != nil {
		fail(err)
	}
	changes := map[string]int{}
	outputs := map[string]any{}
	switch *op {
	case "preview":
		r, err := stack.Preview(ctx, optpreview.ProgressStreams(os.Stdout), optpreview.ErrorProgressStreams(os.Stderr), optpreview.PolicyPacks(packs...), optpreview.PolicyPackConfigs(packConfigs...))
		if err != nil {
			failOp(err)
		}
		for k, v := range r.ChangeSummary {
			changes[string(k)] = v
		}
	case "up":
		r, err := stack.Up(ctx, optup.ProgressStreams(os.Stdout), optup.ErrorProgressStreams(os.Stderr), optup.PolicyPacks(packs...), optup.PolicyPackConfigs(packConfigs...))
		if err != nil {
			failOp(err)
		}
		if r.Summary.ResourceChanges != nil {
			changes = *r.Summary.ResourceChanges
		}
		for k, v := range r.Outputs {
			outputs[k] = v.Value
		}
	case "destroy":
		r, err := stack.Destroy(ctx, optdestroy.ProgressStreams(os.Stdout), optdestroy.ErrorProgressStreams(os.Stderr))
		if err != nil {
			failOp(err)
		}
		if r.Summary.ResourceChanges != nil {
			changes = *r.Summary.ResourceChanges
		}
	case "refresh":
		r, err := stack.Refresh(ctx, optrefresh.ProgressStreams(os.Stdout), optrefresh.ErrorProgressStreams(os.Stderr))
		if err != nil {
			failOp(err)
		}
		if r.Summary.ResourceChanges != nil {
			changes = *r.Summary.ResourceChanges
		}
	default:
		fmt.Fprintf(os.Stderr, "unknown operation %q: use preview, up, destroy or refresh\n", *op)
		os.Exit(2)
	}
	result, _ := json.Marshal(map[string]any{"changes": changes, "outputs": outputs})
	fmt.Printf("\nECS_FARGATE_RESULT %s\n", result)
}

// fail prints the error and exits with the CLI's exit code (1 when the error carries none).
func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	exitWith(err)
}

// failOp ends a failed operation, whose CLI output and errors were streamed already: the error repeats them after
// its first line (`code: …`, `stdout: …`, `stderr: …`), so only that line is printed.
func failOp(err error) {
	fmt.Fprintln(os.Stderr, strings.SplitN(err.Error(), "\ncode: ", 2)[0])
	exitWith(err)
}

// exitWith exits with the exit code the CLI's error carries (1 when it carries none).
func exitWith(err error) {
	code := 1
	if m := exitCode.FindStringSubmatch(err.Error()); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil && n > 0 {
			code = n
		}
	}
	os.Exit(code)
}
