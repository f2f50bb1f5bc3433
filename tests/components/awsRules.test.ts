import { strict as assert } from "assert";
import { matcherViolation, RULES, textViolation } from "../../components/awsRules";
import { validateFargateClusterArgs } from "../../components/clusterBuilders";
import { validateRegistryArgs } from "../../components/registryBuilders";
import { validateWebServiceArgs } from "../../components/webServiceValidation";
import { WebServiceArgs } from "../../components";
import { REQUIRED_WEB_SERVICE_ARGS } from "../helpers";

const REQUIRED: WebServiceArgs = REQUIRED_WEB_SERVICE_ARGS;
const problems = (found: (string | undefined)[]) => found.filter((p) => p !== undefined);

describe("AWS's rules", () => {
    describe("text rules", () => {
        const cases: [keyof typeof RULES, string, string | undefined][] = [
            ["loadBalancerName", "web-1234567", undefined],
            ["loadBalancerName", "internal-api-1234567", 'begins with "internal-", which AWS reserves; use 1 to 32 letters, digits or hyphens, not beginning or ending with a hyphen, not beginning with "internal-"'],
            ["loadBalancerName", "-web", "is not a valid load balancer name; use 1 to 32 letters, digits or hyphens, not beginning or ending with a hyphen"],
            ["loadBalancerName", "a".repeat(33), "is not a valid load balancer name; use 1 to 32 letters, digits or hyphens, not beginning or ending with a hyphen"],
            ["targetGroupName", "internal-api", undefined],
            ["iamRoleName", "web-exec+role@x", undefined],
            ["iamRoleName", "web exec", 'is not a valid IAM role name; use 1 to 64 letters, digits or "_+=,.@-"'],
            ["iamRoleDescription", "Starts the tasks of wéb", undefined],
            ["iamRoleDescription", "Starts the tasks of 🚀", "is not a valid IAM role description; use up to 1000 printable ASCII or Latin-1 characters"],
            ["securityGroupDescription", "Tasks of web: only the load balancer in", undefined],
            ["securityGroupDescription", "HTTPS from inside web's VPC", "is not a valid security group description; use up to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*"],
            ["ecrRepositoryName", "team/web--app__x", undefined],
            ["ecrRepositoryName", "Team/app", 'is not a valid ECR repository name; use 2 to 256 lowercase letters and digits, separated by ".", "_", "-" or "/", e.g. "team/web-app"'],
            ["tagKey", "aws:cloudformation:stack-name", 'begins with "aws:", which AWS reserves; use 1 to 128 letters, digits, spaces or "_.:/=+-@", not beginning with "aws:"'],
            ["tagKey", "Équipe 1", undefined],
            ["tagValue", "a#b", 'is not a valid tag value; use up to 256 letters, digits, spaces or "_.:/=+-@"'],
            ["ecrTagValue", "", 'is not a valid ECR tag value; use 1 to 255 letters, digits, spaces or "_.:/=+-@" (a repository tag cannot be empty)'],
            ["logGroupName", "/ecs/web-20261201", undefined],
            ["logGroupName", "/ecs/my web-", 'is not a valid log group name; use 1 to 512 letters, digits or "._-/#"'],
            ["httpNamespaceName", "arn:aws:x", 'begins with "arn:", which AWS reserves; use 1 to 1024 printable characters without spaces, not beginning with "arn:"'],
        ];
        for (const [rule, value, expected] of cases) {
            it(`${rule} ${JSON.stringify(value.slice(0, 40))}: ${expected === undefined ? "allowed" : "rejected"}`, () => {
                assert.equal(textViolation(RULES[rule], value), expected);
            });
        }
    });

    it("allows ALB health check codes from 200 to 499 only, ranges low to high", () => {
        assert.equal(matcherViolation("200-399"), undefined);
        assert.equal(matcherViolation("200,302,404"), undefined);
        assert.equal(matcherViolation("100"), 'has "100", outside what an application load balancer accepts; use codes from 200 to 499, a range low to high');
        assert.equal(matcherViolation("200-500"), 'has "200-500", outside what an application load balancer accepts; use codes from 200 to 499, a range low to high');
        assert.equal(matcherViolation("299-200"), 'has "299-200", outside what an application load balancer accepts; use codes from 200 to 499, a range low to high');
    });

    describe("as the components' validation applies them", () => {
        it("rejects a WebService health check matcher AWS refuses, e.g. 500", () => {
            assert.deepEqual(problems(validateWebServiceArgs({ ...REQUIRED, healthCheck: { matcher: "200-500" } })),
                ['`healthCheck.matcher` "200-500" has "200-500", outside what an application load balancer accepts; use codes from 200 to 499, a range low to high.']);
        });

        it("accepts the health check grace periods AWS accepts, beyond two hours", () => {
            assert.deepEqual(problems(validateWebServiceArgs({ ...REQUIRED, healthCheckGracePeriodSeconds: 10800 })), []);
        });

        it("rejects tags AWS refuses on a WebService: the aws: prefix, characters, and more than 50", () => {
            const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
            assert.deepEqual(problems(validateWebServiceArgs({ ...REQUIRED, tags: { "aws:team": "a", team: "a#b" } })), [
                '`tags` key "aws:team" begins with "aws:", which AWS reserves; use 1 to 128 letters, digits, spaces or "_.:/=+-@", not beginning with "aws:".',
                '`tags.team` "a#b" is not a valid tag value; use up to 256 letters, digits, spaces or "_.:/=+-@".',
            ]);
            assert.deepEqual(problems(validateWebServiceArgs({ ...REQUIRED, tags: many })), ["`tags` has 51 tags; AWS allows at most 50 per resource."]);
        });

        it("rejects a log key ARN CloudWatch Logs refuses (an account that is not 12 digits)", () => {
            assert.deepEqual(problems(validateWebServiceArgs({ ...REQUIRED, logKmsKeyArn: "arn:aws:kms:us-east-1:123:key/abc" })), [
                '`logKmsKeyArn` "arn:aws:kms:us-east-1:123:key/abc" is not the ARN of a KMS key; use the key\'s ARN (not an alias), e.g. "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".',
            ]);
        });

        it("accepts the repository names ECR accepts (doubled separators), and rejects an empty repository tag value", () => {
            assert.deepEqual(problems(validateRegistryArgs({ repositoryName: "team/web--app__x" })), []);
            assert.deepEqual(problems(validateRegistryArgs({ tags: { team: "" } })), [
                '`tags.team` "" is not a valid ECR tag value; use 1 to 255 letters, digits, spaces or "_.:/=+-@" (a repository tag cannot be empty).',
            ]);
        });

        it("rejects a Service Connect namespace name beginning with arn:, and cluster tags AWS refuses", () => {
            assert.deepEqual(problems(validateFargateClusterArgs({ serviceConnectNamespace: "arn:local", tags: { "": "x" } })), [
                '`serviceConnectNamespace` "arn:local" begins with "arn:", which AWS reserves; use 1 to 1024 printable characters without spaces, not beginning with "arn:".',
                '`tags` key "" is not a valid tag key; use 1 to 128 letters, digits, spaces or "_.:/=+-@".',
            ]);
        });
    });
});
