// Package platform is a platform on one cluster, as a Go user writes it with the generated SDK: the components of
// ../../../stacks/platform without its SQS queue and Service Connect ingress rules, which need the AWS provider's
// SDK. One LoadBalancer routes two WebServices by host (api deploys blue/green); one WorkerService scales on a
// queue's backlog and calls api through Service Connect. Configured from `platform` (the keys of
// ../../../stacks/platform/Pulumi.platform.yaml). ../main.go runs it with pulumi.Run; engine/drivers/go runs it as
// an Automation API inline program.
package platform

import (
	"fmt"

	"github.com/ecs-fargate/ecs-fargate/sdk/go/ecsfargate"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

type platformConfig struct {
	Image          string
	Port           float64
	CertificateArn string
	ApiHost        string
	WwwHost        string
	QueueName      string
	Cluster        struct {
		ClusterName             string
		NatGateways             string
		ServiceConnectNamespace string
	}
}

func ptr[T any](v T) *T { return &v }

// Program builds the platform from the stack's `platform` config.
func Program(ctx *pulumi.Context) error {
	var cfg platformConfig
	if err := config.GetObject(ctx, "platform", &cfg); err != nil {
		return err
	}
	nat := ecsfargate.NatGateways(cfg.Cluster.NatGateways)
	cluster, err := ecsfargate.NewFargateCluster(ctx, "main", &ecsfargate.FargateClusterArgs{
		ClusterName:             pulumi.String(cfg.Cluster.ClusterName),
		NatGateways:             &nat,
		ServiceConnectNamespace: pulumi.String(cfg.Cluster.ServiceConnectNamespace),
	})
	if err != nil {
		return err
	}
	edge, err := ecsfargate.NewLoadBalancer(ctx, "edge", &ecsfargate.LoadBalancerArgs{
		VpcId: cluster.VpcId, SubnetIds: cluster.PublicSubnetIds, CertificateArn: pulumi.String(cfg.CertificateArn),
	})
	if err != nil {
		return err
	}
	arm := ecsfargate.ArchitectureARM64
	web := func(name string, priority float64, host string) *ecsfargate.WebServiceArgs {
		return &ecsfargate.WebServiceArgs{
			ClusterArn: cluster.ClusterArn, VpcId: cluster.VpcId, SubnetIds: cluster.PrivateSubnetIds,
			Image: pulumi.String(cfg.Image), ContainerPort: ptr(cfg.Port), Architecture: &arm,
			User: ptr("1000:1000"), DesiredCount: ptr(2.0), LogRetentionDays: ptr(365.0),
			HealthCheck: &ecsfargate.HealthCheckArgs{Path: ptr("/health")},
			LoadBalancer: &ecsfargate.LoadBalancerAttachmentArgs{
				ListenerArn: edge.ListenerArn, SecurityGroupId: edge.SecurityGroupId, ArnSuffix: edge.ArnSuffix,
				Priority: priority, HostHeaders: []string{host},
			},
		}
	}
	apiArgs := web("api", 10, cfg.ApiHost)
	apiArgs.ServiceConnect = &ecsfargate.ServiceConnectArgs{DiscoveryName: ptr("api")}
	blueGreen := ecsfargate.DeploymentStrategy_BLUE_GREEN
	apiArgs.Deployment = &ecsfargate.DeploymentArgs{Strategy: &blueGreen, BakeTimeMinutes: ptr(10.0)}
	api, err := ecsfargate.NewWebService(ctx, "api", apiArgs)
	if err != nil {
		return err
	}
	wwwArgs := web("www", 20, cfg.WwwHost)
	wwwArgs.ServiceConnect = &ecsfargate.ServiceConnectArgs{ClientOnly: ptr(true)}
	www, err := ecsfargate.NewWebService(ctx, "www", wwwArgs)
	if err != nil {
		return err
	}
	worker, err := ecsfargate.NewWorkerService(ctx, "worker", &ecsfargate.WorkerServiceArgs{
		ClusterArn: cluster.ClusterArn, VpcId: cluster.VpcId, SubnetIds: cluster.PrivateSubnetIds,
		Image: pulumi.String(cfg.Image), Architecture: &arm, User: ptr("1000:1000"), LogRetentionDays: ptr(365.0),
		Command: []string{"worker"},
		ContainerHealthCheck: &ecsfargate.ContainerHealthCheckArgs{
			Command: []string{"CMD-SHELL", "test -f /tmp/healthy || exit 1"}, StartPeriodSeconds: ptr(30.0),
		},
		Environment:    pulumi.StringMap{"API_URL": pulumi.String(fmt.Sprintf("http://api:%v", cfg.Port))},
		ServiceConnect: &ecsfargate.ServiceConnectArgs{ClientOnly: ptr(true)},
		Autoscaling: &ecsfargate.WorkerAutoscalingArgs{
			MinCapacity: 2, MaxCapacity: 10,
			QueueDepth: &ecsfargate.QueueDepthArgs{QueueName: pulumi.String(cfg.QueueName), MessagesPerTask: 100},
		},
	})
	if err != nil {
		return err
	}
	ctx.Export("url", edge.Url)
	ctx.Export("apiServiceArn", api.ServiceArn)
	ctx.Export("wwwServiceArn", www.ServiceArn)
	ctx.Export("workerServiceArn", worker.ServiceArn)
	return nil
}
