/**
 * The pack: every policy, in the order of the rule table (../shared/POLICY-RULES.md section 7), and the pack's own
 * arguments. `index.ts` serves these; tests and the offline runner import this module, which starts nothing.
 */
import { Policies, PolicyPackArgs } from "@pulumi/policy";
import { ecrPolicies } from "./ecr";
import { ecsServicePolicies } from "./ecsService";
import { ecsTaskDefinitionPolicies } from "./ecsTaskDefinition";
import { iamPolicies } from "./iam";
import { loadBalancerPolicies } from "./loadBalancer";
import { logPolicies } from "./logs";
import { networkPolicies } from "./network";

export const PACK_NAME = "ecs-fargate-policy";

export const policies: Policies = [
    ...ecrPolicies,
    ...ecsTaskDefinitionPolicies,
    ...ecsServicePolicies,
    ...loadBalancerPolicies,
    ...networkPolicies,
    ...iamPolicies,
    ...logPolicies,
];

export const packArgs: PolicyPackArgs = {
    policies,
    displayName: "ECS Fargate",
    description: "Secure defaults for ECR, ECS on Fargate, application load balancers, security groups, IAM roles and log groups.",
    tags: ["aws", "ecs", "fargate", "security"],
};
