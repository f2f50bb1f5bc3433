// The platform of ../../stacks/platform, as a Go user writes it with the generated SDK (the program itself is in
// platform/, so the Automation API can run it inline too).
package main

import (
	"github.com/ecs-fargate/examples/go-platform/platform"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(platform.Program)
}
