import { strict as assert } from "assert";
import { LOG_RETENTION_DAYS, RANGES, RULES, textViolation } from "../../components/awsRules";
import { RecordedResource } from "../../harness/types";
import { loadStack, runStack } from "../../plan/stack";
import {
    MAPPING, patternRegex, propertySchema, ruleViolations, schemaOf, schemaViolations, target, unmappedInputs,
} from "./cfnSchemas";

const ROOT = `${__dirname}/../..`;

describe("physical values against AWS's CloudFormation registry schemas", () => {
    it("maps each input to a property that exists in its type's schema", () => {
        const missing = Object.entries(MAPPING.resources).flatMap(([type, m]) =>
            Object.values(m.properties).map(target).filter((t) => propertySchema(m.cfnType, t.cfn) === undefined).map((t) => `${type} → ${m.cfnType} ${t.cfn}`));
        assert.deepEqual(missing, []);
    });

    it("maps the rules' inputs too, and names only rules awsRules has", () => {
        const bad = Object.entries(MAPPING.rules).flatMap(([type, rules]) => Object.entries(rules)
            .filter(([p, rule]) => !(rule in RULES || rule in RANGES) || (MAPPING.resources[type]?.properties[p] ?? MAPPING.resources[type]?.notInCfn?.[p.replace(/\{.*$/, "")]) === undefined)
            .map(([p, rule]) => `${type} ${p} ${rule}`));
        assert.deepEqual(bad, []);
    });

    for (const stack of ["dev", "prod"]) {
        describe(`the ${stack} stack`, () => {
            let resources: RecordedResource[];
            before(async () => {
                resources = (await runStack(loadStack(ROOT, stack))).resources;
            });

            it("sets no input the mapping neither maps to CloudFormation nor explains", () => {
                assert.deepEqual(unmappedInputs(resources), []);
            });

            it("sets only values AWS's schemas accept (pattern, length, range, enum)", () => {
                assert.deepEqual(schemaViolations(resources), []);
            });

            it("sets only values awsRules accepts", () => {
                assert.deepEqual(ruleViolations(resources), []);
            });
        });
    }
});

describe("awsRules against AWS's CloudFormation registry schemas", () => {
    /** Each text rule and the schema properties that carry the same constraint. */
    const TEXT: [keyof typeof RULES, string, string][] = [
        ["iamRoleName", "AWS::IAM::Role", "RoleName"],
        ["iamRoleDescription", "AWS::IAM::Role", "Description"],
        ["iamPolicyName", "AWS::IAM::RolePolicy", "PolicyName"],
        ["ecrRepositoryName", "AWS::ECR::Repository", "RepositoryName"],
        ["logGroupName", "AWS::Logs::LogGroup", "LogGroupName"],
        ["securityGroupDescription", "AWS::EC2::SecurityGroup", "GroupDescription"],
        ["tagKey", "AWS::ECS::Service", "Tags[].Key"],
        ["tagValue", "AWS::ECS::Service", "Tags[].Value"],
        ["tagKey", "AWS::ElasticLoadBalancingV2::TargetGroup", "Tags[].Key"],
        ["tagValue", "AWS::IAM::Role", "Tags[].Value"],
        ["ecrTagKey", "AWS::ECR::Repository", "Tags[].Key"],
        ["ecrTagValue", "AWS::ECR::Repository", "Tags[].Value"],
        ["httpNamespaceName", "AWS::ServiceDiscovery::HttpNamespace", "Name"],
        ["healthCheckPath", "AWS::ElasticLoadBalancingV2::TargetGroup", "HealthCheckPath"],
        ["scalingPolicyName", "AWS::ApplicationAutoScaling::ScalingPolicy", "PolicyName"],
    ];
    /** Probes: every printable ASCII character, a few Latin-1 and other Unicode ones, in the middle of a plain value. */
    const PROBE_CHARACTERS = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), "é", "ß", "\u00A0", "漢", "🚀", "\t", "\n"];

    for (const [rule, cfnType, cfnPath] of TEXT) {
        it(`${rule}: the lengths and the character set of ${cfnType} ${cfnPath}`, () => {
            const node = propertySchema(cfnType, cfnPath);
            const r = RULES[rule];
            if (node.minLength !== undefined) {
                assert.equal(r.minLength, node.minLength, "minLength");
            }
            if (node.maxLength !== undefined) {
                assert.equal(r.maxLength, node.maxLength, "maxLength");
            }
            if (node.pattern !== undefined) {
                const schemaPattern = patternRegex(node.pattern);
                const base = rule === "healthCheckPath" ? "/ab" : "ab";
                const disagree = PROBE_CHARACTERS.filter((c) => {
                    const value = `${base}${c}cd`;
                    const ours = r.pattern.test(value);
                    return ours !== schemaPattern.test(value);
                });
                assert.deepEqual(disagree, [], `characters awsRules and ${node.pattern} judge differently`);
            }
        });
    }

    it("ecrRepositoryName: the same verdict as the schema on names with separators", () => {
        const pattern = patternRegex(propertySchema("AWS::ECR::Repository", "RepositoryName").pattern);
        for (const name of ["ab", "a-b", "a--b", "a__b", "a___b", "a.b", "a..b", "a/b", "a//b", "-ab", "ab-", "a_-b", "team/web-app", "A"]) {
            assert.equal(textViolation(RULES.ecrRepositoryName, name) === undefined, pattern.test(name), name);
        }
    });

    const NUMBERS: [keyof typeof RANGES, string, string][] = [
        ["healthCheckIntervalSeconds", "AWS::ElasticLoadBalancingV2::TargetGroup", "HealthCheckIntervalSeconds"],
        ["healthCheckTimeoutSeconds", "AWS::ElasticLoadBalancingV2::TargetGroup", "HealthCheckTimeoutSeconds"],
        ["healthCheckThreshold", "AWS::ElasticLoadBalancingV2::TargetGroup", "HealthyThresholdCount"],
        ["healthCheckThreshold", "AWS::ElasticLoadBalancingV2::TargetGroup", "UnhealthyThresholdCount"],
        ["port", "AWS::ElasticLoadBalancingV2::TargetGroup", "Port"],
        ["capacityBase", "AWS::ECS::Service", "CapacityProviderStrategy[].Base"],
        ["capacityWeight", "AWS::ECS::Service", "CapacityProviderStrategy[].Weight"],
        ["capacityBase", "AWS::ECS::ClusterCapacityProviderAssociations", "DefaultCapacityProviderStrategy[].Base"],
        ["capacityWeight", "AWS::ECS::ClusterCapacityProviderAssociations", "DefaultCapacityProviderStrategy[].Weight"],
    ];
    for (const [range, cfnType, cfnPath] of NUMBERS) {
        it(`${range}: the range of ${cfnType} ${cfnPath}`, () => {
            const node = propertySchema(cfnType, cfnPath);
            assert.deepEqual([RANGES[range].min, RANGES[range].max], [node.minimum, node.maximum]);
        });
    }

    it("logRetentionDays: the schema's RetentionInDays, plus Pulumi's 0 (no retention policy at all)", () => {
        assert.deepEqual(LOG_RETENTION_DAYS.filter((d) => d !== 0), propertySchema("AWS::Logs::LogGroup", "RetentionInDays").enum);
    });

    it("every mapped CloudFormation type comes from cfn-lint's us-east-1 index", () => {
        for (const m of Object.values(MAPPING.resources)) {
            assert.equal(schemaOf(m.cfnType).typeName, m.cfnType);
        }
    });
});
