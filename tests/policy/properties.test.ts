/** Property-based checks of the parts every rule leans on: defensive parsing and the public-port decision. */
import * as assert from "assert";
import * as fc from "fast-check";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { HIGH_RISK_PORTS, sgNoPublicIngressExceptAuthorizedPorts } from "../../policy/network";
import { parseContainerDefinitions, parsePolicyDocument, securityGroupRules } from "../../policy/parse";
import { runResource } from "./fixtures";

const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

describe("parsers on arbitrary input", () => {
    it("parseContainerDefinitions never throws and returns only objects", () => {
        fc.assert(fc.property(fc.oneof(fc.json(), fc.string(), fc.jsonValue()), (v) => {
            const parsed = parseContainerDefinitions(v);
            return parsed === undefined || parsed.every((c) => typeof c === "object" && c !== null && !Array.isArray(c));
        }));
    });

    it("parsePolicyDocument never throws and returns statements with string lists", () => {
        fc.assert(fc.property(fc.oneof(fc.json(), fc.jsonValue()), (v) => {
            const statements = parsePolicyDocument(v);
            return statements === undefined || statements.every((s) => s.actions.every((a) => typeof a === "string") && typeof s.effect === "string");
        }));
    });

    it("securityGroupRules reads a protocol that is an object with a non-function toString (fast-check's counterexample) without throwing", () => {
        const rules = securityGroupRules("aws:ec2/securityGroup:SecurityGroup", { ingress: [{ protocol: { toString: "" } }] });
        assert.deepStrictEqual(rules.map((r) => r.protocol), ['{"tostring":""}']);
    });

    it("securityGroupRules never throws on arbitrary inline blocks", () => {
        fc.assert(fc.property(fc.array(fc.dictionary(fc.constantFrom("protocol", "fromPort", "toPort", "cidrBlocks", "ipv6CidrBlocks", "securityGroups", "self", "description"), fc.jsonValue())), (blocks) => {
            const rules = securityGroupRules("aws:ec2/securityGroup:SecurityGroup", { ingress: blocks });
            return rules.length === blocks.length && rules.every((r) => Number.isFinite(r.fromPort) && Number.isFinite(r.toPort) && r.cidrs.every((c) => typeof c === "string"));
        }));
    });
});

describe("sg-no-public-ingress-except-authorized-ports on any TCP range from the internet", () => {
    const policy = sgNoPublicIngressExceptAuthorizedPorts as ResourceValidationPolicy;

    it("reports a range exactly when it holds a port outside the authorized list, and always a high-risk one", async () => {
        await fc.assert(fc.asyncProperty(
            fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 20 }), fc.uniqueArray(fc.integer({ min: 0, max: 10000 }), { maxLength: 6 }),
            async (from, width, authorized) => {
                const to = from + width;
                const out = await runResource(policy, RULE, { ipProtocol: "tcp", fromPort: from, toPort: to, cidrIpv4: "0.0.0.0/0", description: "x" },
                    { authorizedTcpPorts: authorized });
                const ports = Array.from({ length: width + 1 }, (_, i) => from + i);
                const expectViolation = ports.some((p) => HIGH_RISK_PORTS.includes(p) || !authorized.includes(p));
                assert.strictEqual(out.violations.length, expectViolation ? 1 : 0, `${from}-${to} authorized ${JSON.stringify(authorized)}: ${JSON.stringify(out.violations)}`);
            }), { numRuns: 300 });
    });

    it("never reports a private source", async () => {
        await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 65535 }), fc.constantFrom("10.0.0.0/8", "172.16.0.0/12", "192.168.1.0/24", "fd00::/8"),
            async (port, cidr) => {
                const out = await runResource(policy, RULE, { ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: cidr, description: "x" });
                assert.deepStrictEqual(out.violations, []);
            }), { numRuns: 100 });
    });
});
