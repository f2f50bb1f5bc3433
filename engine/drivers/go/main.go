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
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ecs-fargate/examples/go-platform/platform"
	"github.com/ecs-fargate/examples/go/demo"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
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
	newStack := flag.Bool("new", false, "the backend has no checkpoint of the stack: create it rather than select it")
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
	cli, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: *cliRoot})
	if err != nil {
		fail(err)
	}
	cmd := &resultFromEvents{PulumiCommand: cli, outputs: map[string]any{}}
	stack, err := openStack(ctx, *newStack, *stackName, *project, program, auto.WorkDir(*work), auto.Pulumi(cmd))
	if err != nil {
		fail(err)
	}
	seen := make(chan events.EngineEvent)
	read := make(chan struct{})
	go func() {
		defer close(read)
		for e := range seen {
			cmd.see(e)
		}
	}()
	streams := []chan<- events.EngineEvent{seen}
	switch *op {
	case "preview":
		_, err = stack.Preview(ctx, optpreview.ProgressStreams(os.Stdout), optpreview.ErrorProgressStreams(os.Stderr), optpreview.EventStreams(streams...), optpreview.PolicyPacks(packs...), optpreview.PolicyPackConfigs(packConfigs...))
	case "up":
		_, err = stack.Up(ctx, optup.ProgressStreams(os.Stdout), optup.ErrorProgressStreams(os.Stderr), optup.EventStreams(streams...), optup.PolicyPacks(packs...), optup.PolicyPackConfigs(packConfigs...))
	case "destroy":
		_, err = stack.Destroy(ctx, optdestroy.ProgressStreams(os.Stdout), optdestroy.ErrorProgressStreams(os.Stderr), optdestroy.EventStreams(streams...))
	case "refresh":
		_, err = stack.Refresh(ctx, optrefresh.ProgressStreams(os.Stdout), optrefresh.ErrorProgressStreams(os.Stderr), optrefresh.EventStreams(streams...))
	default:
		fmt.Fprintf(os.Stderr, "unknown operation %q: use preview, up, destroy or refresh\n", *op)
		os.Exit(2)
	}
	if err != nil {
		failOp(err)
	}
	select {
	case <-read: // the SDK closes the stream once the CLI has sent its last event
	case <-time.After(30 * time.Second):
		fmt.Fprintln(os.Stderr, "the Pulumi CLI's event stream did not end within 30 s of its exit")
		os.Exit(1)
	}
	if cmd.changes == nil {
		fmt.Fprintln(os.Stderr, "the Pulumi CLI exited without the summary event of its operation")
		os.Exit(1)
	}
	result, _ := json.Marshal(map[string]any{"changes": cmd.changes, "outputs": cmd.outputs})
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

// openStack creates the stack when the backend has no checkpoint of it and selects it otherwise: the SDK's
// UpsertStackInlineSource tries `stack select` first, a CLI run that fails on every new stack.
func openStack(ctx context.Context, create bool, name, project string, program pulumi.RunFunc, opts ...auto.LocalWorkspaceOption) (auto.Stack, error) {
	if create {
		stack, err := auto.NewStackInlineSource(ctx, name, project, program, opts...)
		if err == nil || !auto.IsCreateStack409Error(err) {
			return stack, err
		}
	}
	return auto.SelectStackInlineSource(ctx, name, project, program, opts...)
}

// resultFromEvents is the CLI as the driver's stack sees it: an operation's result as its own engine events tell
// it, the change counts (the summary event) and the stack's outputs (the root stack's outputs event; a secret one
// reads "[secret]", as the CLI prints it, and as the TypeScript and Python drivers report it).
//
// Stack.Up, Destroy and Refresh end with three more CLI runs only to fill in their result objects (`stack output`
// twice, then `stack history`), 0.8 s of each run; the driver reads neither. Once the operation has run, those
// commands are answered here without the CLI.
type resultFromEvents struct {
	auto.PulumiCommand
	ran     bool
	changes map[string]int
	outputs map[string]any
}

func (c *resultFromEvents) Run(ctx context.Context, workdir string, stdin io.Reader, out, errOut []io.Writer, env []string, args ...string) (string, string, int, error) {
	if c.ran && len(args) >= 2 && args[0] == "stack" {
		switch args[1] {
		case "output":
			return "{}", "", 0, nil
		case "history":
			return "[]", "", 0, nil
		}
	}
	stdout, stderr, code, err := c.PulumiCommand.Run(ctx, workdir, stdin, out, errOut, env, args...)
	if len(args) > 0 && (args[0] == "up" || args[0] == "destroy" || args[0] == "refresh") {
		c.ran = true
	}
	return stdout, stderr, code, err
}

func (c *resultFromEvents) see(e events.EngineEvent) {
	if e.SummaryEvent != nil {
		c.changes = map[string]int{}
		for op, n := range e.SummaryEvent.ResourceChanges {
			c.changes[string(op)] = n
		}
	}
	if e.ResOutputsEvent != nil && e.ResOutputsEvent.Metadata.Type == "pulumi:pulumi:Stack" && e.ResOutputsEvent.Metadata.New != nil && e.ResOutputsEvent.Metadata.New.Outputs != nil {
		c.outputs = e.ResOutputsEvent.Metadata.New.Outputs
	}
}
