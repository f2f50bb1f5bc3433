/**
 * Every security-group and security-group-rule description the package writes, in every configuration that writes
 * one, against what EC2 accepts. Mocks accept any string; EC2 rejects CreateSecurityGroup (and the rule calls) when a
 * description has a character outside its set or more than 255 characters.
 */
import { strict as assert } from "assert";
import { FargateCluster, WebService, WebServiceArgs } from "../../components";
import { RecordedResource } from "../../harness/types";
import { loadStack, runStack } from "../../plan/stack";
import { record } from "../helpers";

/**
 * AWS's own word, copied from the CloudFormation registry schema of AWS::EC2::SecurityGroup (GroupDescription,
 * cfn-lint 1.58.0), not from the package: letters, digits, space and `._-:/()#,@[]+=&;{}!$*`.
 */
const CFN_GROUP_DESCRIPTION = /^([a-z,A-Z,0-9,. _\-:/()#,@[\]+=&;\{\}!$*])*$/;
const MAX_DESCRIPTION = 255;

const DESCRIBED_TYPES = [
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:ec2/securityGroupRule:SecurityGroupRule",
];

/** `type name: description` of every group and rule, and every problem EC2 would have with them. */
function descriptions(resources: RecordedResource[]): { all: string[]; problems: string[] } {
    const all: string[] = [];
    const problems: string[] = [];
    for (const r of resources.filter((x) => DESCRIBED_TYPES.includes(x.type))) {
        const d = r.inputs.description;
        all.push(`${r.name}: ${d}`);
        if (typeof d !== "string" || !CFN_GROUP_DESCRIPTION.test(d) || d.length > MAX_DESCRIPTION) {
            problems.push(`${r.type} ${r.name}: ${JSON.stringify(d)} (${typeof d === "string" ? d.length : 0} characters)`);
        }
        for (const inline of [...((r.inputs.ingress as any[]) ?? []), ...((r.inputs.egress as any[]) ?? [])]) {
            if (inline.description !== undefined && (!CFN_GROUP_DESCRIPTION.test(inline.description) || inline.description.length > MAX_DESCRIPTION)) {
                problems.push(`${r.type} ${r.name} inline rule: ${JSON.stringify(inline.description)}`);
            }
        }
    }
    return { all, problems };
}

const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const SERVICE: WebServiceArgs = {
    clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/main",
    vpcId: "vpc-1",
    subnetIds: ["subnet-private-a", "subnet-private-b"],
    loadBalancerSubnetIds: ["subnet-public-a", "subnet-public-b"],
    image: IMAGE,
};
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000";

/** Component names Pulumi accepts that EC2 would not take verbatim in a description. */
const AWKWARD_NAMES: [string, string][] = [
    ["an apostrophe", "web's"],
    ["accents and umlauts", "café-ünïcödé"],
    ["only non-Latin letters", "日本語"],
    ["emoji and quotes", "api \"v2\" 🚀"],
    ["300 characters", "a".repeat(300)],
];

describe("security-group descriptions", () => {
    const configurations: [string, () => Promise<RecordedResource[]>, number][] = [
        ["a WebService without a certificate", async () => (await record(() => new WebService("web", SERVICE))).resources, 6],
        ["a WebService with a certificate", async () => (await record(() => new WebService("web", { ...SERVICE, certificateArn: CERT }))).resources, 7],
        ["a WebService open to IPv4 and IPv6 ranges", async () => (await record(() => new WebService("web", {
            ...SERVICE, certificateArn: CERT, allowedCidrs: ["203.0.113.0/24", "2001:db8::/32", "::/0"],
        }))).resources, 11],
        ["a FargateCluster with VPC endpoints", async () => (await record(() => new FargateCluster("main", { natGateways: "None", vpcEndpoints: true }))).resources, 2],
        ["the dev stack", async () => (await runStack(loadStack(".", "dev"))).resources, 6],
        ["the prod stack", async () => (await runStack(loadStack(".", "prod"))).resources, 7],
    ];
    for (const [what, run, count] of configurations) {
        it(`fit EC2's character set and length in ${what}`, async () => {
            const { all, problems } = descriptions(await run());
            assert.equal(all.length, count, `groups and rules seen:\n${all.join("\n")}`);
            assert.deepEqual(problems, []);
        });
    }

    for (const [what, name] of AWKWARD_NAMES) {
        it(`fit EC2's character set and length for a WebService whose name has ${what}`, async () => {
            const { all, problems } = descriptions((await record(() => new WebService(name, { ...SERVICE, certificateArn: CERT }))).resources);
            assert.equal(all.length, 7);
            assert.deepEqual(problems, []);
        });

        it(`fit EC2's character set and length for a FargateCluster with endpoints whose name has ${what}`, async () => {
            const { all, problems } = descriptions((await record(() => new FargateCluster(name, { natGateways: "None", vpcEndpoints: true }))).resources);
            assert.equal(all.length, 2);
            assert.deepEqual(problems, []);
        });
    }

    it("describe the VPC endpoints' group without an apostrophe", async () => {
        const rec = await record(() => new FargateCluster("main", { natGateways: "None", vpcEndpoints: true }));
        assert.equal(rec.get("aws:ec2/securityGroup:SecurityGroup", "main-endpoints-sg").inputs.description,
            "HTTPS from inside the VPC of main to its VPC endpoints");
    });

    it("keep a safe component name verbatim, so deployed groups are not replaced", async () => {
        const rec = await record(() => new WebService("web", SERVICE));
        assert.equal(rec.get("aws:ec2/securityGroup:SecurityGroup", "web-lb-sg").inputs.description, "Load balancer of web: listeners in, container port out");
        assert.equal(rec.get("aws:ec2/securityGroup:SecurityGroup", "web-task-sg").inputs.description, "Tasks of web: only the load balancer in");
    });

    it("drop accents and turn other characters into hyphens", async () => {
        const rec = await record(() => new WebService("café's api", SERVICE));
        assert.equal(rec.get("aws:ec2/securityGroup:SecurityGroup", "café's api-task-sg").inputs.description, "Tasks of cafe-s api: only the load balancer in");
    });

    it("cut a long name so the description ends as written, at 255 characters", async () => {
        const rec = await record(() => new WebService("a".repeat(300), SERVICE));
        const description = rec.get("aws:ec2/securityGroup:SecurityGroup", `${"a".repeat(300)}-lb-sg`).inputs.description as string;
        assert.equal(description.length, 255);
        assert.ok(description.startsWith("Load balancer of aaa") && description.endsWith("a: listeners in, container port out"), description);
    });
});
