/** Canonical references (plan/canonical.ts): physical identifiers of other resources become `${urn}#output` tokens. */
import * as assert from "assert";
import { alignDeployedState, canonicalReferences, referenceToken } from "../../plan/canonical";
import { diffResources } from "../../plan/diff";
import { RecordedResource } from "../../sim/types";

const P = "urn:pulumi:dev::demo::";
const LG = `${P}aws:cloudwatch/logGroup:LogGroup::web-logs`;
const TG = `${P}aws:lb/targetGroup:TargetGroup::web-tg`;
const VPC = `${P}aws:ec2/vpc:Vpc::main-vpc`;

function res(urn: string, type: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}, deps: Record<string, string[]> = {}, id?: string): RecordedResource {
    return { urn, type, name: urn.slice(urn.lastIndexOf("::") + 2), custom: true, id, inputs, outputs: { ...inputs, ...outputs }, propertyDependencies: deps, dependencies: [...new Set(Object.values(deps).flat())] };
}

/** One stack as a deployment with the given identifiers recorded it. */
function stack(vpcId: string, lgSuffix: string, tgName: string, policyAction = "logs:PutLogEvents", role = "web-exec-role"): RecordedResource[] {
    const lgArn = `arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web-${lgSuffix}`;
    return [
        res(VPC, "aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" }, { arn: `arn:aws:ec2:us-east-1:123456789012:vpc/${vpcId}` }, {}, vpcId),
        res(LG, "aws:cloudwatch/logGroup:LogGroup", { namePrefix: "/ecs/web-" }, { name: `/ecs/web-${lgSuffix}`, arn: lgArn }, {}, `/ecs/web-${lgSuffix}`),
        res(TG, "aws:lb/targetGroup:TargetGroup", { name: tgName, port: 8080, vpcId }, { arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${tgName}/${vpcId.slice(4, 20)}` }, { name: [VPC], vpcId: [VPC] }),
        res(`${P}aws:iam/rolePolicy:RolePolicy::web-exec-policy`, "aws:iam/rolePolicy:RolePolicy", {
            role,
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [policyAction], Resource: `${lgArn}:log-stream:*` }] }),
        }, {}, { policy: [LG] }),
    ];
}

describe("canonical references", () => {
    it("replaces another resource's ID and ARN by its token, inside a JSON policy string too", () => {
        const [, , tg, policy] = canonicalReferences(stack("vpc-0123456789abcdef0", "1111111", "web-2222222"));
        assert.strictEqual(tg.inputs.vpcId, referenceToken(VPC, "id"));
        assert.strictEqual(JSON.parse(String(policy.inputs.policy)).Statement[0].Resource, `${referenceToken(LG, "arn")}:log-stream:*`);
        // Not its own outputs: a target group's own name stays (a rename must show).
        assert.strictEqual(tg.inputs.name, "web-2222222");
        // Values nothing references are left alone.
        assert.strictEqual(policy.inputs.role, "web-exec-role");
    });

    it("two recordings with different physical IDs compare equal; a real edit still shows", () => {
        const a = canonicalReferences(stack("vpc-0123456789abcdef0", "1111111", "web-2222222"));
        const b = canonicalReferences(stack("vpc-0fedcba987654321f", "3333333", "web-2222222"));
        assert.deepStrictEqual(diffResources(a, b).changes, []);
        // Without canonical references the same pair differs in the target group and the policy.
        assert.deepStrictEqual(diffResources(stack("vpc-0123456789abcdef0", "1111111", "web-2222222"), stack("vpc-0fedcba987654321f", "3333333", "web-2222222")).changes.map((c) => c.name), ["web-tg", "web-exec-policy"]);
        const edited = canonicalReferences(stack("vpc-0fedcba987654321f", "3333333", "web-2222222", "logs:*"));
        assert.deepStrictEqual(diffResources(a, edited).changes.map((c) => `${c.kind} ${c.name}: ${c.changed.join(",")}`), ["update web-exec-policy: policy"]);
    });

    it("leaves content outputs alone (a Docker image's digest), and takes a dependency on a component as one on its children", () => {
        const comp = `${P}ecs-fargate:index:Registry::app`;
        const repo = `${P}ecs-fargate:index:Registry$aws:ecr/repository:Repository::app`;
        const image = `${P}ecs-fargate:index:Registry$docker:index/image:Image::app-image`;
        const url = "123456789012.dkr.ecr.us-east-1.amazonaws.com/devops-ecr";
        const digest = `${url}@sha256:${"ab".repeat(32)}`;
        const rs: RecordedResource[] = [
            { ...res(comp, "ecs-fargate:index:Registry", {}), custom: false },
            { ...res(repo, "aws:ecr/repository:Repository", { name: "devops-ecr" }, { arn: "arn:aws:ecr:us-east-1:123456789012:repository/devops-ecr", repositoryUrl: url, status: "ACTIVE-REPOSITORY" }), parent: comp },
            { ...res(image, "docker:index/image:Image", { imageName: `${url}:sha-1` }, { repoDigest: digest }, { imageName: [repo] }), parent: comp },
            res(`${P}aws:ecs/taskDefinition:TaskDefinition::web-task`, "aws:ecs/taskDefinition:TaskDefinition",
                { containerDefinitions: JSON.stringify([{ image: digest }]), note: "ACTIVE-REPOSITORY" }, {}, { containerDefinitions: [image, comp] }),
        ];
        const [, , img, task] = canonicalReferences(rs);
        assert.strictEqual(img.inputs.imageName, `${referenceToken(repo, "repositoryUrl")}:sha-1`);
        // The digest is content: it stays, so a new build shows in the task definition.
        assert.strictEqual(JSON.parse(String(task.inputs.containerDefinitions))[0].image, `${referenceToken(repo, "repositoryUrl")}@sha256:${"ab".repeat(32)}`);
        // A status is not an identifier.
        assert.strictEqual(task.inputs.note, "ACTIVE-REPOSITORY");
    });

    it("aligns the deployed state: engine autonames dropped, hash-only differences of computed inputs taken as the same", () => {
        const head = canonicalReferences(stack("vpc-0123456789abcdef0", "1111111", "web-2222222"));
        const deployed = canonicalReferences(stack("vpc-0fedcba987654321f", "3333333", "web-4444444"));
        deployed[3] = { ...deployed[3], inputs: { ...deployed[3].inputs, name: "web-exec-policy-5c0848f" } };
        const { resources, notes } = alignDeployedState(deployed, head);
        assert.deepStrictEqual(diffResources(resources, head).changes, []);
        assert.deepStrictEqual(notes, ['web-tg.name: "web-4444444" (deployed) and "web-2222222" (planned) are hashes of other resources\' physical IDs, taken as the same.']);
        // A renamed target group (the prefix changes) and a name that is not an autoname are not aligned away.
        const renamed = canonicalReferences(stack("vpc-0123456789abcdef0", "1111111", "api-2222222"));
        const named = [...deployed];
        named[3] = { ...named[3], inputs: { ...named[3].inputs, name: "chosen-name" } };
        const again = alignDeployedState(named, renamed);
        assert.deepStrictEqual(diffResources(again.resources, renamed).changes.map((c) => `${c.kind} ${c.name}: ${c.changed.join(",")}`), ["replace web-tg: name", "replace web-exec-policy: name"]);
    });
});
