import { strict as assert } from "assert";
import { analyze } from "../../plan/analyzer";
import { stackPolicyConfig, violations } from "./fixtures";
import { FargateCluster, Registry, WebService } from "../../components";
import { record } from "../helpers";

// The demo stacks under the pack run through the real engine: tests/engine/policy.test.ts.

/** `policy on type::name` of each diagnostic, sorted, for readable failures. */
function describe_(diagnostics: { policyName: string; urn?: string }[]): string[] {
    return diagnostics.map((d) => {
        const [qualifiedType, name] = d.urn?.split("::").slice(-2) ?? ["the", "stack"];
        return `${d.policyName} on ${qualifiedType.split("$").pop()}::${name}`;
    }).sort();
}

describe("the policy pack over the components with their defaults (prod.json: nothing relaxed)", () => {
    it("finds no mandatory violation given only the required args, a built image and a certificate", async () => {
        const recorder = await record(() => {
            const registry = new Registry("app", { build: { context: "app" } });
            const cluster = new FargateCluster("main", {});
            new WebService("web", {
                clusterArn: cluster.clusterArn,
                vpcId: cluster.vpcId,
                subnetIds: cluster.privateSubnetIds,
                loadBalancerSubnetIds: cluster.publicSubnetIds,
                image: registry.imageUri,
                certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6",
            });
        });
        const result = await analyze(recorder.resources, stackPolicyConfig("prod"));
        assert.deepEqual(describe_(violations(result, "mandatory")), []);
        // What remains needs something only the user has: keys, a bucket, a web ACL, a second task, a year of logs,
        // and a `user`: without it the image's own USER applies, which the pack cannot see in a task definition.
        assert.deepEqual(describe_(violations(result, "advisory")), [
            "alb-access-logs-enabled on aws:lb/loadBalancer:LoadBalancer::web-alb",
            "alb-deletion-protection on aws:lb/loadBalancer:LoadBalancer::web-alb",
            "alb-waf-associated on aws:lb/loadBalancer:LoadBalancer::web-alb",
            "ecr-repository-kms-encryption on aws:ecr/repository:Repository::app",
            "ecs-cluster-exec-logging-encrypted on aws:ecs/cluster:Cluster::main",
            "ecs-service-high-availability on aws:ecs/service:Service::web",
            "ecs-taskdef-non-root-user on aws:ecs/taskDefinition:TaskDefinition::web-task",
            "log-group-kms-encryption on aws:cloudwatch/logGroup:LogGroup::web-logs",
            "log-group-retention on aws:cloudwatch/logGroup:LogGroup::web-logs",
        ]);
    });
});
