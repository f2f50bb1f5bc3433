import * as assert from "assert";
import { changedProperties, REPLACEMENTS, replacementPaths, replacementReasons, sameValue } from "../../sim/replacements";

describe("replacement table", () => {
    it("changedProperties lists the top-level inputs that differ, deep and order-insensitive for object keys", () => {
        const olds = { name: "web", healthCheck: { path: "/", interval: 30 }, tags: { a: "1" }, subnets: ["s1", "s2"] };
        const news = { healthCheck: { interval: 30, path: "/health" }, name: "web", tags: { a: "1" }, subnets: ["s2", "s1"], port: 80 };
        assert.deepStrictEqual(changedProperties(olds, news), ["healthCheck", "port", "subnets"]);
    });

    it("sameValue treats an absent key and an undefined one alike", () => {
        assert.strictEqual(sameValue({ a: 1, b: undefined }, { a: 1 }), true);
        assert.strictEqual(sameValue({ a: 1 }, { a: 1, b: null }), false);
    });

    it("a target group's new name forces a replacement; a new health check does not", () => {
        const olds = { name: "web-a", port: 8080, protocol: "HTTP", healthCheck: { path: "/" } };
        assert.deepStrictEqual(replacementReasons("aws:lb/targetGroup:TargetGroup", olds, { ...olds, name: "web-b" }), ["name"]);
        assert.deepStrictEqual(replacementReasons("aws:lb/targetGroup:TargetGroup", olds, { ...olds, healthCheck: { path: "/health" } }), []);
    });

    it("a KMS key added to a repository's encryption replaces the repository", () => {
        const olds = { name: "app", encryptionConfigurations: [{ encryptionType: "AES256" }] };
        const news = { name: "app", encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:us-east-1:123456789012:key/k" }] };
        assert.deepStrictEqual(replacementReasons("aws:ecr/repository:Repository", olds, news), ["encryptionConfigurations"]);
    });

    it("any change to a task definition's containers registers a new revision", () => {
        assert.deepStrictEqual(replacementReasons("aws:ecs/taskDefinition:TaskDefinition", { containerDefinitions: "[1]" }, { containerDefinitions: "[2]" }), ["containerDefinitions"]);
    });

    it("a service's capacity strategy change replaces it unless forceNewDeployment is on and both strategies are non-empty", () => {
        const a = [{ capacityProvider: "FARGATE", weight: 1 }];
        const b = [{ capacityProvider: "FARGATE_SPOT", weight: 1 }];
        const type = "aws:ecs/service:Service";
        assert.deepStrictEqual(replacementReasons(type, { capacityProviderStrategies: a }, { capacityProviderStrategies: b }), ["capacityProviderStrategies"]);
        assert.deepStrictEqual(replacementReasons(type, { capacityProviderStrategies: a, forceNewDeployment: true }, { capacityProviderStrategies: b, forceNewDeployment: true }), []);
        assert.deepStrictEqual(replacementReasons(type, { forceNewDeployment: true }, { capacityProviderStrategies: b, forceNewDeployment: true }), ["capacityProviderStrategies"]);
    });

    it("a security-group rule's CIDR changes in place, but a switch from CIDR to security group replaces it", () => {
        const type = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
        const olds = { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" };
        assert.deepStrictEqual(replacementReasons(type, olds, { ...olds, cidrIpv4: "0.0.0.0/0" }), []);
        assert.deepStrictEqual(replacementReasons(type, olds, { ...olds, fromPort: 80, toPort: 80 }), []);
        const { cidrIpv4: _, ...rest } = olds;
        assert.deepStrictEqual(replacementReasons(type, olds, { ...rest, referencedSecurityGroupId: "sg-2" }), ["cidrIpv4", "referencedSecurityGroupId"]);
        assert.deepStrictEqual(replacementReasons(type, olds, { ...olds, securityGroupId: "sg-9" }), ["securityGroupId"]);
    });

    it("a docker image is never replaced, and an unknown type never is", () => {
        assert.deepStrictEqual(replacementReasons("docker:index/image:Image", { imageName: "a:1" }, { imageName: "a:2" }), []);
        assert.deepStrictEqual(replacementReasons("aws:s3/bucket:Bucket", { bucket: "a" }, { bucket: "b" }), []);
    });

    it("every rule names at least one source, and an in-place exception names the provider's reason", () => {
        for (const [type, entry] of Object.entries(REPLACEMENTS)) {
            for (const rule of entry.rules) {
                assert.ok(rule.tf || rule.cfn, `${type} ${rule.property} has no source`);
                assert.ok(!rule.cfn || entry.cfnType, `${type} ${rule.property} names a CloudFormation property but the entry has no cfnType`);
            }
            for (const e of entry.inPlace ?? []) {
                assert.ok(e.why.length > 10, `${type} ${e.property}`);
            }
        }
    });
});

describe("replacementPaths", () => {
    it("lists a type's forcing inputs, conditional ones included, and nothing for an unknown type", () => {
        assert.deepStrictEqual(replacementPaths("aws:ecr/repository:Repository"), ["encryptionConfigurations", "name"]);
        assert.deepStrictEqual(replacementPaths("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"), ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId", "securityGroupId"]);
        assert.deepStrictEqual(replacementPaths("aws:s3/bucket:Bucket"), []);
    });
});
