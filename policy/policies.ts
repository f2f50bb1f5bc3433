/**
 * The pack: every policy, in the order of the rule table (../shared/POLICY-RULES.md section 7), and the pack's own
 * arguments. `index.ts` serves these; tests and the offline runner import this module, which starts nothing.
 */
import { Policies, PolicyPackArgs } from "@pulumi/policy";
import {
    ecrRepositoryImmutableTags,
    ecrRepositoryKmsEncryption,
    ecrRepositoryLifecyclePolicy,
    ecrRepositoryNoForceDelete,
    ecrRepositoryPolicyNotPublic,
    ecrRepositoryScanOnPush,
} from "./ecr";
import { ecsClusterContainerInsights, ecsClusterExecLoggingEncrypted, ecsClusterFargateStorageCmk } from "./ecsCluster";
import {
    ecsTaskdefContainerHealthCheck,
    ecsTaskdefImagePinned,
    ecsTaskdefLoggingConfigured,
    ecsTaskdefLogGroupManaged,
    ecsTaskdefNoAddedCapabilities,
    ecsTaskdefNonRootUser,
    ecsTaskdefNoPrivilegedContainers,
    ecsTaskdefNoSecretsInEnvironment,
    ecsTaskdefReadonlyRootFilesystem,
} from "./ecsContainers";
import {
    ecsResourcesTagged,
    ecsServiceDeploymentCircuitBreaker,
    ecsServiceExecControlled,
    ecsServiceExplicitSecurityGroups,
    ecsServiceFargateLaunchType,
    ecsServiceFargatePlatformVersion,
    ecsServiceHighAvailability,
    ecsServiceLbHealthCheckGrace,
    ecsServiceNoPublicIp,
    ecsServiceWaitForSteadyState,
} from "./ecsService";
import {
    ecsTaskdefAwsvpcNetworkMode,
    ecsTaskdefDistinctTaskExecutionRoles,
    ecsTaskdefEfsTransitEncryption,
    ecsTaskdefFargateCompatible,
    ecsTaskdefMemoryLimits,
    ecsTaskdefNoHostIpc,
    ecsTaskdefNoHostPid,
} from "./ecsTaskDefinition";
import { ecsInfrastructureRoleScoped, ecsRolesLeastPrivilege, ecsRolesTrustPolicy, iamRoleNoPolicyManagementConflicts } from "./iam";
import {
    albListenerAcmCertificate,
    albListenerHttpsOrRedirect,
    albListenerTlsPolicy,
    albTargetGroupEncrypted,
    albTargetGroupHealthCheck,
    albTargetGroupIpTypeForAwsvpc,
} from "./listeners";
import {
    albAccessLogsEnabled,
    albDeletionProtection,
    albDesyncMitigation,
    albDropInvalidHeaderFields,
    albMultiAz,
    albNotInternetFacing,
    albSecurityGroupsAttached,
    albWafAssociated,
    noClassicLoadBalancer,
} from "./loadBalancer";
import { logGroupKmsEncryption, logGroupRetention } from "./logs";
import {
    ecsServiceTaskIngressRestricted,
    securityGroupNoRuleManagementConflicts,
    sgDescriptions,
    sgNoPublicIngressExceptAuthorizedPorts,
    sgNoUnrestrictedEgress,
} from "./network";

export const PACK_NAME = "ecs-fargate-policy";

export const policies: Policies = [
    // ECR
    ecrRepositoryImmutableTags,
    ecrRepositoryScanOnPush,
    ecrRepositoryKmsEncryption,
    ecrRepositoryLifecyclePolicy,
    ecrRepositoryPolicyNotPublic,
    ecrRepositoryNoForceDelete,
    // ECS task definition
    ecsTaskdefAwsvpcNetworkMode,
    ecsTaskdefFargateCompatible,
    ecsTaskdefNoPrivilegedContainers,
    ecsTaskdefReadonlyRootFilesystem,
    ecsTaskdefNonRootUser,
    ecsTaskdefNoHostPid,
    ecsTaskdefNoHostIpc,
    ecsTaskdefLoggingConfigured,
    ecsTaskdefNoSecretsInEnvironment,
    ecsTaskdefEfsTransitEncryption,
    ecsTaskdefDistinctTaskExecutionRoles,
    ecsTaskdefImagePinned,
    ecsTaskdefNoAddedCapabilities,
    ecsTaskdefMemoryLimits,
    ecsTaskdefContainerHealthCheck,
    ecsTaskdefLogGroupManaged,
    // ECS service and cluster
    ecsServiceDeploymentCircuitBreaker,
    ecsServiceNoPublicIp,
    ecsServiceFargatePlatformVersion,
    ecsServiceFargateLaunchType,
    ecsServiceExplicitSecurityGroups,
    ecsServiceTaskIngressRestricted,
    ecsServiceExecControlled,
    ecsServiceHighAvailability,
    ecsServiceLbHealthCheckGrace,
    ecsServiceWaitForSteadyState,
    ecsResourcesTagged,
    ecsClusterContainerInsights,
    ecsClusterExecLoggingEncrypted,
    ecsClusterFargateStorageCmk,
    // Load balancer, listeners, target groups
    albDropInvalidHeaderFields,
    albDesyncMitigation,
    albAccessLogsEnabled,
    albDeletionProtection,
    albMultiAz,
    albWafAssociated,
    albNotInternetFacing,
    albSecurityGroupsAttached,
    noClassicLoadBalancer,
    albListenerHttpsOrRedirect,
    albListenerTlsPolicy,
    albListenerAcmCertificate,
    albTargetGroupIpTypeForAwsvpc,
    albTargetGroupHealthCheck,
    albTargetGroupEncrypted,
    // Security groups, IAM, logs
    sgNoPublicIngressExceptAuthorizedPorts,
    sgDescriptions,
    sgNoUnrestrictedEgress,
    securityGroupNoRuleManagementConflicts,
    iamRoleNoPolicyManagementConflicts,
    ecsRolesLeastPrivilege,
    ecsRolesTrustPolicy,
    ecsInfrastructureRoleScoped,
    logGroupRetention,
    logGroupKmsEncryption,
];

export const packArgs: PolicyPackArgs = {
    policies,
    displayName: "ECS Fargate",
    description: "Secure defaults for ECR, ECS on Fargate, application load balancers, security groups, IAM roles and log groups.",
    tags: ["aws", "ecs", "fargate", "security"],
};
