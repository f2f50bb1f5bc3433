/**
 * Which input changes make the provider replace a resource instead of updating it in place: the one table that both
 * the simulated provider's Diff and the plan of a change read.
 *
 * Sources, per entry:
 * - `cfn`: the property's name in the CloudFormation registry schema's `createOnlyProperties`
 *   (`cfnlint/data/schemas/resources/*.json` in the cfn-lint 1.58.0 wheel on PyPI);
 * - `cdk`: `causesReplacement` of the same property in `@aws-cdk/aws-service-spec` 0.1.216 (npm, `db.json.gz`):
 *   `yes`, or `maybe` where CDK cannot tell;
 * - `tf`: the terraform-provider-aws attribute marked `ForceNew` (SDKv2) or `RequiresReplace` (plugin framework).
 *   `@pulumi/aws` 7.x is that provider bridged, so where the sources disagree `tf` decides what Pulumi does; the
 *   disagreements are listed per type in `inPlace` (create-only in CloudFormation, updated in place by Pulumi).
 *   A rule with no `tf` is taken from CloudFormation and CDK alone (the provider's schema was not read for it).
 *   Read in the provider's source for this table: `internal/service/ecs/service.go`, `logs/group.go`,
 *   `ec2/vpc_security_group_ingress_rule.go`, `ec2/vpc_route_table_association.go`, `appautoscaling/scheduled_action.go`,
 *   and pulumi-docker's `provider/image.go`; the other `tf` attributes are the provider's documented ForceNew
 *   arguments, not re-read here.
 * `tests/sim/replacementSources.test.ts` holds `cfn` and `cdk` against a snapshot of both sources
 * (`tools/replacement-sources.sh`) and every property against the installed SDK's input types.
 *
 * Property names are the `@pulumi/aws` input names (camelCase). Only top-level inputs are listed: a change anywhere
 * inside a listed input counts as a change of it.
 */

/** The inputs of one resource as the engine records them (plain JSON). */
export type Inputs = Record<string, unknown>;

/** Replacements that apply only in some cases (the provider decides them in a CustomizeDiff or ModifyPlan). */
export const CONDITIONS = {
    /**
     * terraform-provider-aws `internal/service/ecs/service.go` `capacityProviderStrategyCustomizeDiff`: a change of the
     * strategy forces a new service unless `forceNewDeployment` is true and neither the old nor the new list is empty.
     */
    strategyWithoutForceNewDeployment: {
        describe: "unless `forceNewDeployment` is true and neither the old nor the new strategy is empty",
        holds: (olds: Inputs, news: Inputs) => {
            const n = (v: unknown) => (Array.isArray(v) ? v.length : 0);
            return news.forceNewDeployment !== true || n(olds.capacityProviderStrategies) === 0 || n(news.capacityProviderStrategies) === 0;
        },
    },
    /**
     * terraform-provider-aws `internal/service/ec2/vpc_security_group_ingress_rule.go` (and the egress twin) `ModifyPlan`:
     * a rule's source may change in place (ModifySecurityGroupRules), but not its kind (CIDR, prefix list or group).
     */
    ruleSourceKindChanges: {
        describe: "when the rule's source kind changes (IPv4 CIDR, IPv6 CIDR, prefix list or security group)",
        holds: (olds: Inputs, news: Inputs) => ruleSourceKind(olds) !== ruleSourceKind(news),
    },
} as const;

export type ConditionName = keyof typeof CONDITIONS;

/** One input that forces a replacement. */
export interface ReplacementRule {
    /** The `@pulumi/aws` (or `@pulumi/docker`) input property. */
    property: string;
    /** The CloudFormation property it corresponds to: create-only there, unless `createOnly` is false. */
    cfn?: string;
    /** False when the CloudFormation property is not create-only (CDK or the provider still replace on it). */
    createOnly?: false;
    /** CDK's `causesReplacement` for that property. */
    cdk?: "yes" | "maybe";
    /** The terraform-provider-aws attribute that is ForceNew / RequiresReplace. */
    tf?: string;
    /** Only when this condition holds. */
    when?: ConditionName;
}

/** The replacement semantics of one resource type. */
export interface TypeReplacements {
    cfnType?: string;
    tfType?: string;
    rules: ReplacementRule[];
    /** CloudFormation create-only properties that Pulumi updates in place, with the provider code that does it. */
    inPlace?: Array<{ cfn: string; property: string; why: string }>;
    /** CloudFormation create-only (or CDK replacing) properties with no counterpart here, and why. */
    cfnOnly?: Record<string, string>;
    /**
     * True when AWS derives the resource's ARN and ID from its name, so a replacement under the same name hands its
     * dependents the same values (an ECR repository, a log group); false when they change (a new task definition
     * revision, a new `sg-…` ID, a new load balancer ARN suffix and DNS name).
     */
    keepsIdentityOnReplace: boolean;
    notes?: string[];
}

const r = (property: string, cfn: string | undefined, cdk: "yes" | "maybe" | undefined, tf: string | undefined, when?: ConditionName): ReplacementRule =>
    ({ property, ...(cfn ? { cfn } : {}), ...(cdk ? { cdk } : {}), ...(tf ? { tf } : {}), ...(when ? { when } : {}) });

const LOAD_BALANCER: TypeReplacements = {
    cfnType: "AWS::ElasticLoadBalancingV2::LoadBalancer", tfType: "aws_lb",
    rules: [
        r("name", "Name", "yes", "name"), r("namePrefix", undefined, undefined, "name_prefix"),
        r("internal", "Scheme", "yes", "internal"), r("loadBalancerType", "Type", "yes", "load_balancer_type"),
        r("customerOwnedIpv4Pool", undefined, undefined, "customer_owned_ipv4_pool"),
    ],
    keepsIdentityOnReplace: false,
    notes: ["For network load balancers the provider also replaces on some subnet and security-group changes (CustomizeDiff); application load balancers update them in place."],
};

const TARGET_GROUP: TypeReplacements = {
    cfnType: "AWS::ElasticLoadBalancingV2::TargetGroup", tfType: "aws_lb_target_group",
    rules: [
        r("name", "Name", "yes", "name"), r("namePrefix", undefined, undefined, "name_prefix"),
        r("port", "Port", "yes", "port"), r("protocol", "Protocol", "yes", "protocol"),
        r("protocolVersion", "ProtocolVersion", "yes", "protocol_version"), r("targetType", "TargetType", "yes", "target_type"),
        r("vpcId", "VpcId", "yes", "vpc_id"), r("ipAddressType", "IpAddressType", "yes", "ip_address_type"),
    ],
    keepsIdentityOnReplace: false,
};

const LISTENER: TypeReplacements = {
    cfnType: "AWS::ElasticLoadBalancingV2::Listener", tfType: "aws_lb_listener",
    rules: [r("loadBalancerArn", "LoadBalancerArn", "yes", "load_balancer_arn")],
    keepsIdentityOnReplace: false,
};

const LISTENER_RULE: TypeReplacements = {
    cfnType: "AWS::ElasticLoadBalancingV2::ListenerRule", tfType: "aws_lb_listener_rule",
    rules: [r("listenerArn", "ListenerArn", "yes", "listener_arn")],
    keepsIdentityOnReplace: false,
};

const TASK_DEFINITION_FORCE_NEW: Array<[string, string | undefined, string]> = [
    ["containerDefinitions", "ContainerDefinitions", "container_definitions"],
    ["cpu", "Cpu", "cpu"],
    ["enableFaultInjection", "EnableFaultInjection", "enable_fault_injection"],
    ["ephemeralStorage", "EphemeralStorage", "ephemeral_storage"],
    ["executionRoleArn", "ExecutionRoleArn", "execution_role_arn"],
    ["family", "Family", "family"],
    ["ipcMode", "IpcMode", "ipc_mode"],
    ["memory", "Memory", "memory"],
    ["networkMode", "NetworkMode", "network_mode"],
    ["pidMode", "PidMode", "pid_mode"],
    ["placementConstraints", "PlacementConstraints", "placement_constraints"],
    ["proxyConfiguration", "ProxyConfiguration", "proxy_configuration"],
    ["requiresCompatibilities", "RequiresCompatibilities", "requires_compatibilities"],
    ["runtimePlatform", "RuntimePlatform", "runtime_platform"],
    ["taskRoleArn", "TaskRoleArn", "task_role_arn"],
    ["volumes", "Volumes", "volume"],
];

/** Per type token: the inputs whose change replaces the resource. */
export const REPLACEMENTS: Record<string, TypeReplacements> = {
    "aws:ecr/repository:Repository": {
        cfnType: "AWS::ECR::Repository", tfType: "aws_ecr_repository",
        rules: [r("name", "RepositoryName", "yes", "name"), r("encryptionConfigurations", "EncryptionConfiguration", "yes", "encryption_configuration")],
        keepsIdentityOnReplace: true,
        notes: ["A replaced repository loses its images: the old one is deleted (with `forceDelete`) or its deletion fails while it holds images."],
    },
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": {
        tfType: "aws_ecr_lifecycle_policy", rules: [r("repository", undefined, undefined, "repository")], keepsIdentityOnReplace: true,
        notes: ["No CloudFormation type: CloudFormation sets it as the repository's LifecyclePolicy property."],
    },
    "aws:ecr/repositoryPolicy:RepositoryPolicy": {
        tfType: "aws_ecr_repository_policy", rules: [r("repository", undefined, undefined, "repository")], keepsIdentityOnReplace: true,
        notes: ["No CloudFormation type: CloudFormation sets it as the repository's RepositoryPolicyText property."],
    },
    "docker:index/image:Image": {
        rules: [], keepsIdentityOnReplace: true,
        notes: ["pulumi-docker `provider/image.go`: Diff reports every change as an update (Update rebuilds and pushes); an Image is never replaced, and its Delete leaves the pushed image in the registry."],
    },
    "aws:ecs/cluster:Cluster": {
        cfnType: "AWS::ECS::Cluster", tfType: "aws_ecs_cluster", rules: [r("name", "ClusterName", "yes", "name")], keepsIdentityOnReplace: true,
    },
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": {
        cfnType: "AWS::ECS::ClusterCapacityProviderAssociations", tfType: "aws_ecs_cluster_capacity_providers",
        rules: [r("clusterName", "Cluster", "yes", "cluster_name")], keepsIdentityOnReplace: true,
    },
    "aws:ecs/taskDefinition:TaskDefinition": {
        cfnType: "AWS::ECS::TaskDefinition", tfType: "aws_ecs_task_definition",
        rules: TASK_DEFINITION_FORCE_NEW.map(([p, cfn, tf]) => r(p, cfn, "yes", tf)),
        cfnOnly: { InferenceAccelerators: "no input of aws.ecs.TaskDefinition in @pulumi/aws 7.48 (Elastic Inference is retired)" },
        keepsIdentityOnReplace: false,
        notes: ["A task definition revision is immutable: every change registers a new revision (a new ARN), and the old one is deregistered unless `skipDestroy`."],
    },
    "aws:ecs/service:Service": {
        cfnType: "AWS::ECS::Service", tfType: "aws_ecs_service",
        rules: [
            r("name", "ServiceName", "yes", "name"), r("cluster", "Cluster", "yes", "cluster"), r("iamRole", "Role", "yes", "iam_role"),
            { ...r("launchType", "LaunchType", "yes", "launch_type"), createOnly: false }, r("schedulingStrategy", "SchedulingStrategy", "yes", "scheduling_strategy"),
            { ...r("deploymentController", "DeploymentController", "yes", "deployment_controller.type"), createOnly: false },
            r("capacityProviderStrategies", undefined, undefined, "capacity_provider_strategy", "strategyWithoutForceNewDeployment"),
        ],
        keepsIdentityOnReplace: true,
        notes: [
            "CloudFormation updates the capacity provider strategy in place; the Terraform provider (so Pulumi) forces a new service unless `forceNewDeployment` (CustomizeDiff).",
            "LaunchType and DeploymentController are not create-only in CloudFormation's schema, but CDK and the Terraform provider replace the service on them.",
        ],
    },
    "aws:iam/role:Role": {
        cfnType: "AWS::IAM::Role", tfType: "aws_iam_role",
        rules: [r("name", "RoleName", "yes", "name"), r("namePrefix", undefined, undefined, "name_prefix"), r("path", "Path", "yes", "path")],
        keepsIdentityOnReplace: true,
    },
    "aws:iam/rolePolicy:RolePolicy": {
        cfnType: "AWS::IAM::RolePolicy", tfType: "aws_iam_role_policy",
        rules: [r("name", "PolicyName", "yes", "name"), r("namePrefix", undefined, undefined, "name_prefix"), r("role", "RoleName", "yes", "role")],
        keepsIdentityOnReplace: true,
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        tfType: "aws_iam_role_policy_attachment",
        rules: [r("role", undefined, undefined, "role"), r("policyArn", undefined, undefined, "policy_arn")],
        keepsIdentityOnReplace: true,
        notes: ["No CloudFormation type: CloudFormation lists managed policies in the role's ManagedPolicyArns."],
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        cfnType: "AWS::Logs::LogGroup", tfType: "aws_cloudwatch_log_group",
        rules: [r("name", "LogGroupName", "yes", "name"), r("namePrefix", undefined, undefined, "name_prefix"), r("logGroupClass", undefined, undefined, "log_group_class")],
        keepsIdentityOnReplace: true,
        notes: ["A replaced log group loses its log events. `logGroupClass` is not create-only in CloudFormation, but is ForceNew in the Terraform provider."],
    },
    "aws:ec2/vpc:Vpc": {
        cfnType: "AWS::EC2::VPC", tfType: "aws_vpc",
        rules: [
            r("cidrBlock", "CidrBlock", "yes", "cidr_block"), r("ipv4IpamPoolId", "Ipv4IpamPoolId", "yes", "ipv4_ipam_pool_id"),
            r("ipv4NetmaskLength", "Ipv4NetmaskLength", "yes", "ipv4_netmask_length"),
        ],
        inPlace: [{ cfn: "InstanceTenancy", property: "instanceTenancy", why: "CDK says `maybe`; the Terraform provider changes it with ModifyVpcTenancy (to `default` only)" }],
        cfnOnly: { VpcEncryptionControl: "no input of aws.ec2.Vpc in @pulumi/aws 7.48" },
        keepsIdentityOnReplace: false,
    },
    "aws:ec2/subnet:Subnet": {
        cfnType: "AWS::EC2::Subnet", tfType: "aws_subnet",
        rules: [
            r("vpcId", "VpcId", "yes", "vpc_id"), r("cidrBlock", "CidrBlock", "yes", "cidr_block"),
            r("availabilityZone", "AvailabilityZone", "yes", "availability_zone"), r("availabilityZoneId", "AvailabilityZoneId", "yes", "availability_zone_id"),
            r("outpostArn", "OutpostArn", "yes", "outpost_arn"), r("ipv6Native", "Ipv6Native", "yes", "ipv6_native"),
            r("ipv4IpamPoolId", "Ipv4IpamPoolId", "yes", undefined), r("ipv4NetmaskLength", "Ipv4NetmaskLength", "yes", undefined),
            r("ipv6IpamPoolId", "Ipv6IpamPoolId", "yes", undefined), r("ipv6NetmaskLength", "Ipv6NetmaskLength", "yes", undefined),
        ],
        inPlace: [{ cfn: "Ipv6CidrBlock", property: "ipv6CidrBlock", why: "CDK says `maybe`; the Terraform provider associates and disassociates IPv6 CIDR blocks in place" }],
        keepsIdentityOnReplace: false,
    },
    "aws:ec2/internetGateway:InternetGateway": {
        cfnType: "AWS::EC2::InternetGateway", tfType: "aws_internet_gateway", rules: [], keepsIdentityOnReplace: false,
        notes: ["`vpcId` changes detach and attach the gateway in place."],
    },
    "aws:ec2/routeTable:RouteTable": {
        cfnType: "AWS::EC2::RouteTable", tfType: "aws_route_table", rules: [r("vpcId", "VpcId", "yes", "vpc_id")], keepsIdentityOnReplace: false,
    },
    "aws:ec2/route:Route": {
        cfnType: "AWS::EC2::Route", tfType: "aws_route",
        rules: [
            r("routeTableId", "RouteTableId", "yes", "route_table_id"), r("destinationCidrBlock", "DestinationCidrBlock", "yes", "destination_cidr_block"),
            r("destinationIpv6CidrBlock", "DestinationIpv6CidrBlock", "yes", "destination_ipv6_cidr_block"),
            r("destinationPrefixListId", "DestinationPrefixListId", "yes", "destination_prefix_list_id"),
        ],
        keepsIdentityOnReplace: false,
        notes: ["A change of target (gateway, NAT gateway, endpoint) is a ReplaceRoute call: in place."],
    },
    "aws:ec2/routeTableAssociation:RouteTableAssociation": {
        cfnType: "AWS::EC2::SubnetRouteTableAssociation", tfType: "aws_route_table_association",
        rules: [r("subnetId", "SubnetId", "yes", "subnet_id"), r("gatewayId", undefined, undefined, "gateway_id")],
        inPlace: [{ cfn: "RouteTableId", property: "routeTableId", why: "the Terraform provider moves the association with ReplaceRouteTableAssociation" }],
        keepsIdentityOnReplace: false,
    },
    "aws:ec2/eip:Eip": {
        cfnType: "AWS::EC2::EIP", tfType: "aws_eip",
        rules: [
            { ...r("domain", "Domain", "yes", "domain"), createOnly: false }, r("address", "Address", "yes", "address"),
            r("networkBorderGroup", "NetworkBorderGroup", "yes", "network_border_group"), r("ipamPoolId", "IpamPoolId", "yes", "ipam_pool_id"),
            r("publicIpv4Pool", undefined, undefined, "public_ipv4_pool"), r("customerOwnedIpv4Pool", undefined, undefined, "customer_owned_ipv4_pool"),
        ],
        keepsIdentityOnReplace: false,
        cfnOnly: { TransferAddress: "no input of aws.ec2.Eip in @pulumi/aws 7.48 (address transfers are their own resource)" },
        notes: ["A replaced Elastic IP is a new public address: allow-lists that name the old one must follow."],
    },
    "aws:ec2/natGateway:NatGateway": {
        cfnType: "AWS::EC2::NatGateway", tfType: "aws_nat_gateway",
        rules: [
            r("allocationId", "AllocationId", "yes", "allocation_id"), r("subnetId", "SubnetId", "yes", "subnet_id"),
            r("connectivityType", "ConnectivityType", "yes", "connectivity_type"), r("privateIp", "PrivateIpAddress", "yes", "private_ip"),
            r("vpcId", "VpcId", "yes", undefined), r("availabilityMode", "AvailabilityMode", "yes", undefined),
        ],
        keepsIdentityOnReplace: false,
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        cfnType: "AWS::EC2::SecurityGroup", tfType: "aws_security_group",
        rules: [
            r("name", "GroupName", "yes", "name"), r("namePrefix", undefined, undefined, "name_prefix"),
            r("description", "GroupDescription", "yes", "description"), r("vpcId", "VpcId", "yes", "vpc_id"),
        ],
        keepsIdentityOnReplace: false,
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        cfnType: "AWS::EC2::VPCEndpoint", tfType: "aws_vpc_endpoint",
        rules: [
            r("serviceName", "ServiceName", "yes", "service_name"), r("vpcEndpointType", "VpcEndpointType", "yes", "vpc_endpoint_type"),
            r("vpcId", "VpcId", "yes", "vpc_id"), r("serviceRegion", "ServiceRegion", "yes", "service_region"),
            r("resourceConfigurationArn", "ResourceConfigurationArn", "yes", "resource_configuration_arn"),
            r("serviceNetworkArn", "ServiceNetworkArn", "yes", "service_network_arn"),
        ],
        cfnOnly: { DnsOptions: "only its nested PrivateDnsPreference and PrivateDnsSpecifiedDomains are create-only; the table lists top-level inputs, and dnsOptions is not one the package sets" },
        keepsIdentityOnReplace: false,
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        cfnType: "AWS::EC2::SecurityGroupIngress", tfType: "aws_vpc_security_group_ingress_rule",
        rules: [
            r("securityGroupId", "GroupId", "yes", "security_group_id"),
            r("cidrIpv4", "CidrIp", "yes", "cidr_ipv4", "ruleSourceKindChanges"), r("cidrIpv6", "CidrIpv6", "yes", "cidr_ipv6", "ruleSourceKindChanges"),
            r("prefixListId", "SourcePrefixListId", "yes", "prefix_list_id", "ruleSourceKindChanges"),
            r("referencedSecurityGroupId", "SourceSecurityGroupId", "yes", "referenced_security_group_id", "ruleSourceKindChanges"),
        ],
        inPlace: [
            { cfn: "IpProtocol", property: "ipProtocol", why: "the Terraform provider's Update calls ModifySecurityGroupRules" },
            { cfn: "FromPort", property: "fromPort", why: "the Terraform provider's Update calls ModifySecurityGroupRules" },
            { cfn: "ToPort", property: "toPort", why: "the Terraform provider's Update calls ModifySecurityGroupRules" },
            { cfn: "CidrIp", property: "cidrIpv4", why: "in place while the source stays a CIDR (ModifySecurityGroupRules); replaced only when the source kind changes" },
        ],
        cfnOnly: {
            GroupName: "addresses a group by name (EC2-Classic and default VPCs); aws.vpc.SecurityGroupIngressRule takes securityGroupId only",
            SourceSecurityGroupName: "addresses a source group by name; aws.vpc.SecurityGroupIngressRule takes referencedSecurityGroupId only",
            SourceSecurityGroupOwnerId: "the source group's account, part of referencedSecurityGroupId in Pulumi",
        },
        keepsIdentityOnReplace: false,
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
        cfnType: "AWS::EC2::SecurityGroupEgress", tfType: "aws_vpc_security_group_egress_rule",
        rules: [
            r("securityGroupId", "GroupId", "yes", "security_group_id"),
            r("cidrIpv4", "CidrIp", "yes", "cidr_ipv4", "ruleSourceKindChanges"), r("cidrIpv6", "CidrIpv6", "yes", "cidr_ipv6", "ruleSourceKindChanges"),
            r("prefixListId", "DestinationPrefixListId", "yes", "prefix_list_id", "ruleSourceKindChanges"),
            r("referencedSecurityGroupId", "DestinationSecurityGroupId", "yes", "referenced_security_group_id", "ruleSourceKindChanges"),
        ],
        inPlace: [
            { cfn: "IpProtocol", property: "ipProtocol", why: "the Terraform provider's Update calls ModifySecurityGroupRules" },
            { cfn: "FromPort", property: "fromPort", why: "the Terraform provider's Update calls ModifySecurityGroupRules" },
            { cfn: "ToPort", property: "toPort", why: "the Terraform provider's Update calls ModifySecurityGroupRules" },
        ],
        keepsIdentityOnReplace: false,
    },
    "aws:lb/loadBalancer:LoadBalancer": LOAD_BALANCER,
    "aws:alb/loadBalancer:LoadBalancer": LOAD_BALANCER,
    "aws:lb/targetGroup:TargetGroup": TARGET_GROUP,
    "aws:alb/targetGroup:TargetGroup": TARGET_GROUP,
    "aws:lb/listener:Listener": LISTENER,
    "aws:alb/listener:Listener": LISTENER,
    "aws:lb/listenerRule:ListenerRule": LISTENER_RULE,
    "aws:alb/listenerRule:ListenerRule": LISTENER_RULE,
    "aws:wafv2/webAclAssociation:WebAclAssociation": {
        cfnType: "AWS::WAFv2::WebACLAssociation", tfType: "aws_wafv2_web_acl_association",
        rules: [r("resourceArn", "ResourceArn", "yes", "resource_arn"), r("webAclArn", "WebACLArn", "yes", "web_acl_arn")],
        keepsIdentityOnReplace: false,
    },
    "aws:appautoscaling/target:Target": {
        cfnType: "AWS::ApplicationAutoScaling::ScalableTarget", tfType: "aws_appautoscaling_target",
        rules: [
            r("resourceId", "ResourceId", "yes", "resource_id"), r("scalableDimension", "ScalableDimension", "yes", "scalable_dimension"),
            r("serviceNamespace", "ServiceNamespace", "yes", "service_namespace"),
        ],
        keepsIdentityOnReplace: true,
    },
    "aws:appautoscaling/policy:Policy": {
        cfnType: "AWS::ApplicationAutoScaling::ScalingPolicy", tfType: "aws_appautoscaling_policy",
        rules: [
            r("name", "PolicyName", "yes", "name"), r("resourceId", "ResourceId", "yes", "resource_id"),
            r("scalableDimension", "ScalableDimension", "yes", "scalable_dimension"), r("serviceNamespace", "ServiceNamespace", "yes", "service_namespace"),
        ],
        cfnOnly: { ScalingTargetId: "CloudFormation's reference to the scalable target; Pulumi names the target by resourceId, scalableDimension and serviceNamespace" },
        keepsIdentityOnReplace: true,
    },
    "aws:appautoscaling/scheduledAction:ScheduledAction": {
        tfType: "aws_appautoscaling_scheduled_action",
        rules: [
            r("name", undefined, undefined, "name"), r("resourceId", undefined, undefined, "resource_id"),
            r("scalableDimension", undefined, undefined, "scalable_dimension"), r("serviceNamespace", undefined, undefined, "service_namespace"),
        ],
        keepsIdentityOnReplace: true,
        notes: ["No CloudFormation type: CloudFormation lists scheduled actions in the scalable target's ScheduledActions."],
    },
    "aws:servicediscovery/httpNamespace:HttpNamespace": {
        cfnType: "AWS::ServiceDiscovery::HttpNamespace", tfType: "aws_service_discovery_http_namespace",
        rules: [r("name", "Name", "yes", "name")], keepsIdentityOnReplace: false,
    },
    "aws:efs/fileSystem:FileSystem": {
        cfnType: "AWS::EFS::FileSystem", tfType: "aws_efs_file_system",
        rules: [
            r("creationToken", undefined, undefined, "creation_token"), r("encrypted", "Encrypted", "yes", "encrypted"),
            r("kmsKeyId", "KmsKeyId", "yes", "kms_key_id"), r("performanceMode", "PerformanceMode", "yes", "performance_mode"),
            r("availabilityZoneName", "AvailabilityZoneName", "yes", "availability_zone_name"),
        ],
        keepsIdentityOnReplace: false,
        notes: ["A replaced file system is a new, empty one: its files are lost."],
    },
    "aws:efs/mountTarget:MountTarget": {
        cfnType: "AWS::EFS::MountTarget", tfType: "aws_efs_mount_target",
        rules: [
            r("fileSystemId", "FileSystemId", "yes", "file_system_id"), r("subnetId", "SubnetId", "yes", "subnet_id"),
            r("ipAddress", "IpAddress", "yes", "ip_address"), r("ipAddressType", "IpAddressType", "yes", undefined), r("ipv6Address", "Ipv6Address", "yes", undefined),
        ],
        keepsIdentityOnReplace: false,
    },
    "aws:efs/accessPoint:AccessPoint": {
        cfnType: "AWS::EFS::AccessPoint", tfType: "aws_efs_access_point",
        rules: [
            r("fileSystemId", "FileSystemId", "yes", "file_system_id"), r("posixUser", "PosixUser", "yes", "posix_user"),
            r("rootDirectory", "RootDirectory", "yes", "root_directory"),
        ],
        cfnOnly: { ClientToken: "an idempotency token CloudFormation generates; no input in Pulumi" },
        keepsIdentityOnReplace: false,
    },
};

/** The kind of source (ingress) or destination (egress) a security-group rule names. */
export function ruleSourceKind(inputs: Inputs): string {
    for (const key of ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"]) {
        if (inputs[key] !== undefined && inputs[key] !== null) {
            return key;
        }
    }
    return "none";
}

/** Deep equality of two JSON values (object key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
    if (a === b) {
        return true;
    }
    if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") {
        return false;
    }
    if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
    }
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)].filter((k) => ao[k] !== undefined || bo[k] !== undefined));
    return [...keys].every((k) => sameValue(ao[k], bo[k]));
}

/** The top-level inputs whose values differ, sorted (an input set on one side only counts as changed). */
export function changedProperties(olds: Inputs, news: Inputs): string[] {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
    return [...keys].filter((k) => !sameValue(olds[k], news[k])).sort();
}

/**
 * The changed inputs that force a replacement of a resource of `type`, sorted; empty when the change is an in-place
 * update (or no change). `changed` defaults to `changedProperties(olds, news)`; pass it to add inputs known to change
 * for another reason (an input computed from a replaced resource).
 */
export function replacementReasons(type: string, olds: Inputs, news: Inputs, changed: string[] = changedProperties(olds, news)): string[] {
    const entry = REPLACEMENTS[type];
    if (!entry) {
        return [];
    }
    const forcing = entry.rules.filter((rule) => changed.includes(rule.property) && (!rule.when || CONDITIONS[rule.when].holds(olds, news)));
    return [...new Set(forcing.map((rule) => rule.property))].sort();
}

/** The rule of one property of one type, if it forces a replacement. */
export function replacementRule(type: string, property: string): ReplacementRule | undefined {
    return REPLACEMENTS[type]?.rules.find((rule) => rule.property === property);
}

/** Whether a replacement of this type hands dependents the same ARN and ID (see `keepsIdentityOnReplace`). */
export function keepsIdentityOnReplace(type: string): boolean {
    return REPLACEMENTS[type]?.keepsIdentityOnReplace ?? false;
}

/** Every top-level input that can force a replacement of a resource of `type` (conditional ones included), sorted. */
export function replacementPaths(type: string): readonly string[] {
    return [...new Set((REPLACEMENTS[type]?.rules ?? []).map((rule) => rule.property))].sort();
}
