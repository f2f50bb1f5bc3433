// The demo program of ../../index.ts, as a Go user writes it with the generated SDK.
//
// Registry → FargateCluster → WebService, each configured from the stack's config (`Pulumi.<stack>.yaml`, the
// same keys as the TypeScript demo). The components run in the ecs-fargate provider plugin; this program only
// wires their outputs together.
package main

import (
	"example.com/pulumi-ecs-fargate/sdk/go/ecsfargate"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// The config objects decode into the SDK's args structs (JSON names match their fields, case-insensitively).
// Arguments the SDK types as pulumi inputs, because another resource may produce them, are interfaces that JSON
// cannot fill; each config struct shadows those with plain fields and hands them on in args().

type registryConfig struct {
	ecsfargate.RegistryArgs
	ForceDelete        *bool
	ImageTagMutability *ecsfargate.ImageTagMutability
	KmsKeyArn          *string
	PullAccountIds     []string
	RepositoryName     *string
	ScanOnPush         *bool
	Tags               map[string]string
}

func (c registryConfig) args() *ecsfargate.RegistryArgs {
	args := c.RegistryArgs
	args.ForceDelete = pulumi.BoolPtrFromPtr(c.ForceDelete)
	if c.ImageTagMutability != nil {
		args.ImageTagMutability = *c.ImageTagMutability
	}
	args.KmsKeyArn = pulumi.StringPtrFromPtr(c.KmsKeyArn)
	for _, id := range c.PullAccountIds {
		args.PullAccountIds = append(args.PullAccountIds, pulumi.String(id))
	}
	args.RepositoryName = pulumi.StringPtrFromPtr(c.RepositoryName)
	args.ScanOnPush = pulumi.BoolPtrFromPtr(c.ScanOnPush)
	if c.Tags != nil {
		args.Tags = pulumi.ToStringMap(c.Tags)
	}
	return &args
}

type clusterConfig struct {
	ecsfargate.FargateClusterArgs
	ClusterName             *string
	ContainerInsights       *ecsfargate.ContainerInsights
	ExecuteCommandKmsKeyArn *string
	PrivateSubnetIds        []string
	PublicSubnetIds         []string
	ServiceConnectNamespace *string
	Tags                    map[string]string
	VpcId                   *string
}

func (c clusterConfig) args() *ecsfargate.FargateClusterArgs {
	args := c.FargateClusterArgs
	args.ClusterName = pulumi.StringPtrFromPtr(c.ClusterName)
	if c.ContainerInsights != nil {
		args.ContainerInsights = *c.ContainerInsights
	}
	args.ExecuteCommandKmsKeyArn = pulumi.StringPtrFromPtr(c.ExecuteCommandKmsKeyArn)
	if c.PrivateSubnetIds != nil {
		args.PrivateSubnetIds = pulumi.ToStringArray(c.PrivateSubnetIds)
	}
	if c.PublicSubnetIds != nil {
		args.PublicSubnetIds = pulumi.ToStringArray(c.PublicSubnetIds)
	}
	args.ServiceConnectNamespace = pulumi.StringPtrFromPtr(c.ServiceConnectNamespace)
	if c.Tags != nil {
		args.Tags = pulumi.ToStringMap(c.Tags)
	}
	args.VpcId = pulumi.StringPtrFromPtr(c.VpcId)
	return &args
}

// serviceConfig is WebServiceArgs less the cluster, network and image, which come from the other components.
type serviceConfig struct {
	ecsfargate.WebServiceArgs
	AccessLogsBucket        *string
	CertificateArn          *string
	DomainName              *string
	Environment             map[string]string
	ExecuteCommandKmsKeyArn *string
	LogKmsKeyArn            *string
	Secrets                 map[string]string
	SecretsKmsKeyArns       []string
	Tags                    map[string]string
	TaskRolePolicyArns      []string
	TaskRolePolicyJson      *string
	WebAclArn               *string
}

func (c serviceConfig) args() *ecsfargate.WebServiceArgs {
	args := c.WebServiceArgs
	args.AccessLogsBucket = pulumi.StringPtrFromPtr(c.AccessLogsBucket)
	args.CertificateArn = pulumi.StringPtrFromPtr(c.CertificateArn)
	args.DomainName = pulumi.StringPtrFromPtr(c.DomainName)
	if c.Environment != nil {
		args.Environment = pulumi.ToStringMap(c.Environment)
	}
	args.ExecuteCommandKmsKeyArn = pulumi.StringPtrFromPtr(c.ExecuteCommandKmsKeyArn)
	args.LogKmsKeyArn = pulumi.StringPtrFromPtr(c.LogKmsKeyArn)
	if c.Secrets != nil {
		args.Secrets = pulumi.ToStringMap(c.Secrets)
	}
	for _, arn := range c.SecretsKmsKeyArns {
		args.SecretsKmsKeyArns = append(args.SecretsKmsKeyArns, pulumi.String(arn))
	}
	if c.Tags != nil {
		args.Tags = pulumi.ToStringMap(c.Tags)
	}
	for _, arn := range c.TaskRolePolicyArns {
		args.TaskRolePolicyArns = append(args.TaskRolePolicyArns, pulumi.String(arn))
	}
	args.TaskRolePolicyJson = pulumi.StringPtrFromPtr(c.TaskRolePolicyJson)
	args.WebAclArn = pulumi.StringPtrFromPtr(c.WebAclArn)
	return &args
}

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		var registryCfg registryConfig
		var clusterCfg clusterConfig
		var serviceCfg serviceConfig
		for key, into := range map[string]any{"registry": &registryCfg, "cluster": &clusterCfg, "service": &serviceCfg} {
			if err := config.GetObject(ctx, key, into); err != nil {
				return err
			}
		}
		tasksInPublicSubnets := config.GetBool(ctx, "tasksInPublicSubnets")

		registry, err := ecsfargate.NewRegistry(ctx, "app", registryCfg.args())
		if err != nil {
			return err
		}
		cluster, err := ecsfargate.NewFargateCluster(ctx, "main", clusterCfg.args())
		if err != nil {
			return err
		}
		serviceArgs := serviceCfg.args()
		serviceArgs.ClusterArn = cluster.ClusterArn
		serviceArgs.VpcId = cluster.VpcId
		serviceArgs.SubnetIds = cluster.PrivateSubnetIds
		if tasksInPublicSubnets {
			serviceArgs.SubnetIds = cluster.PublicSubnetIds
		}
		serviceArgs.LoadBalancerSubnetIds = cluster.PublicSubnetIds
		serviceArgs.Image = registry.ImageUri
		service, err := ecsfargate.NewWebService(ctx, "web", serviceArgs)
		if err != nil {
			return err
		}

		ctx.Export("url", service.Url)
		ctx.Export("imageUri", registry.ImageUri)
		ctx.Export("repositoryUrl", registry.RepositoryUrl)
		ctx.Export("clusterArn", cluster.ClusterArn)
		ctx.Export("serviceArn", service.ServiceArn)
		ctx.Export("taskDefinitionArn", service.TaskDefinitionArn)
		ctx.Export("loadBalancerArn", service.LoadBalancerArn)
		ctx.Export("logGroupName", service.LogGroupName)
		return nil
	})
}
