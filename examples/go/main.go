// The demo program of ../../index.ts, as a Go user writes it with the generated SDK (the program itself is in
// demo/, so the Automation API can run it inline too).
package main

import (
	"github.com/ecs-fargate/examples/go/demo"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(demo.Program)
}
