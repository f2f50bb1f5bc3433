/**
 * The pack through its own analyzer handlers, as the CLI calls them (plan/analyzer.ts): GetAnalyzerInfo,
 * config reconciliation and Configure, Analyze per resource and AnalyzeStack.
 */
import * as assert from "assert";
import { analyze, AnalyzeResult, getAnalyzerInfo, reconcileConfig } from "../../plan/analyzer";
import { RecordedResource } from "../../sim/types";
import { baselineStack, container, find, FixtureResource, stackPolicyConfig, UNKNOWN, urnOf } from "./fixtures";

/** The rule table's default levels (../shared/POLICY-RULES.md, section 7). */
const TABLE: Record<string, "mandatory" | "advisory" | "disabled"> = {
    "ecr-repository-immutable-tags": "mandatory",
    "ecr-repository-scan-on-push": "mandatory",
    "ecr-repository-kms-encryption": "advisory",
    "ecr-repository-lifecycle-policy": "advisory",
    "ecr-repository-policy-not-public": "mandatory",
    "ecr-repository-no-force-delete": "advisory",
    "ecs-taskdef-awsvpc-network-mode": "mandatory",
    "ecs-taskdef-fargate-compatible": "advisory",
    "ecs-taskdef-no-privileged-containers": "mandatory",
    "ecs-taskdef-readonly-root-filesystem": "advisory",
    "ecs-taskdef-non-root-user": "advisory",
    "ecs-taskdef-no-host-pid": "mandatory",
    "ecs-taskdef-no-host-ipc": "mandatory",
    "ecs-taskdef-logging-configured": "mandatory",
    "ecs-taskdef-no-secrets-in-environment": "mandatory",
    "ecs-taskdef-efs-transit-encryption": "mandatory",
    "ecs-taskdef-distinct-task-execution-roles": "advisory",
    "ecs-taskdef-image-pinned": "advisory",
    "ecs-taskdef-no-added-capabilities": "advisory",
    "ecs-taskdef-memory-limits": "advisory",
    "ecs-taskdef-container-health-check": "advisory",
    "ecs-taskdef-log-group-managed": "advisory",
    "ecs-service-deployment-circuit-breaker": "mandatory",
    "ecs-service-no-public-ip": "mandatory",
    "ecs-service-fargate-platform-version": "advisory",
    "ecs-service-fargate-launch-type": "advisory",
    "ecs-service-explicit-security-groups": "advisory",
    "ecs-service-task-ingress-restricted": "mandatory",
    "ecs-service-exec-controlled": "advisory",
    "ecs-service-high-availability": "advisory",
    "ecs-service-lb-health-check-grace": "advisory",
    "ecs-service-wait-for-steady-state": "advisory",
    "ecs-resources-tagged": "disabled",
    "ecs-cluster-container-insights": "advisory",
    "ecs-cluster-exec-logging-encrypted": "advisory",
    "ecs-cluster-fargate-storage-cmk": "disabled",
    "alb-drop-invalid-header-fields": "mandatory",
    "alb-desync-mitigation": "mandatory",
    "alb-access-logs-enabled": "advisory",
    "alb-deletion-protection": "advisory",
    "alb-multi-az": "advisory",
    "alb-waf-associated": "advisory",
    "alb-not-internet-facing": "disabled",
    "alb-security-groups-attached": "advisory",
    "no-classic-load-balancer": "advisory",
    "alb-listener-https-or-redirect": "mandatory",
    "alb-listener-tls-policy": "mandatory",
    "alb-listener-acm-certificate": "advisory",
    "alb-target-group-ip-type-for-awsvpc": "mandatory",
    "alb-target-group-health-check": "advisory",
    "alb-target-group-encrypted": "disabled",
    "sg-no-public-ingress-except-authorized-ports": "mandatory",
    "sg-descriptions": "advisory",
    "sg-no-unrestricted-egress": "disabled",
    "security-group-no-rule-management-conflicts": "mandatory",
    "iam-role-no-policy-management-conflicts": "mandatory",
    "ecs-roles-least-privilege": "mandatory",
    "ecs-roles-trust-policy": "advisory",
    "ecs-infrastructure-role-scoped": "mandatory",
    "log-group-retention": "advisory",
    "log-group-kms-encryption": "advisory",
};

/** Fixture resources as the mocks recorder records them. */
function recorded(stack: FixtureResource[]): RecordedResource[] {
    const urns = new Map(stack.map((f) => [f.name, urnOf(f)]));
    return stack.map((f) => ({
        urn: urnOf(f),
        type: f.type,
        name: f.name,
        custom: true,
        id: typeof f.props.id === "string" ? f.props.id : undefined,
        inputs: f.props,
        outputs: f.props,
        propertyDependencies: Object.fromEntries(Object.entries(f.deps).map(([k, names]) => [k, names.map((n) => urns.get(n)!)])),
        dependencies: Object.values(f.deps).flat().map((n) => urns.get(n)!),
    }));
}

/** [policy, level, resource name] of every diagnostic, sorted. */
function summary(result: AnalyzeResult): string[] {
    return result.diagnostics.map((d) => `${d.policyName} ${d.enforcementLevel} ${d.urn?.split("::").pop()}`).sort();
}

/** A stack with one violation of each kind, at each level. */
function knownBadStack(): FixtureResource[] {
    const s = baselineStack();
    delete find(s, "app-repo").props.imageTagMutability;
    find(s, "app-service").props.networkConfiguration.assignPublicIp = true;
    find(s, "app-http").props.defaultActions = [{ type: "forward", targetGroupArn: find(s, "app-tg").props.arn }];
    find(s, "app-logs").props.retentionInDays = 30;
    s.splice(s.indexOf(find(s, "app-repo-lifecycle")), 1);
    s.push({ type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "app-task-open", deps: { securityGroupId: ["app-task-sg"] },
        props: { securityGroupId: "sg-task", ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "0.0.0.0/0", description: "oops" } });
    return s;
}

describe("the pack through its analyzer handlers", function () {
    this.timeout(60000);

    it("lists 61 policies with unique names, each with the table's default level", async () => {
        const info = await getAnalyzerInfo();
        assert.strictEqual(info.name, "ecs-fargate-policy");
        assert.strictEqual(info.supportsConfig, true);
        const names = info.policies.map((p) => p.name);
        assert.strictEqual(new Set(names).size, names.length);
        assert.deepStrictEqual(Object.fromEntries(info.policies.map((p) => [p.name, p.enforcementLevel])), TABLE);
        const count = (level: string) => info.policies.filter((p) => p.enforcementLevel === level).length;
        assert.deepStrictEqual([count("mandatory"), count("advisory"), count("disabled")], [23, 33, 5]);
    });

    it("gives every policy its description, severity, framework, tags and remediation steps", async () => {
        const info = await getAnalyzerInfo();
        const incomplete = info.policies.filter((p) => !p.description.startsWith("Checks") || !p.severity || !p.framework?.reference ||
            p.tags.length === 0 || !p.remediationSteps || !p.url).map((p) => p.name);
        assert.deepStrictEqual(incomplete, []);
    });

    it("cites the Security Hub control in the framework where there is one", async () => {
        const info = await getAnalyzerInfo();
        const byName = new Map(info.policies.map((p) => [p.name, p]));
        assert.deepStrictEqual(byName.get("ecr-repository-immutable-tags")!.framework, {
            name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "ECR.2",
            specification: byName.get("ecr-repository-immutable-tags")!.description,
        });
        assert.strictEqual(byName.get("alb-listener-https-or-redirect")!.framework!.reference, "ELB.1, ELB.18");
        assert.strictEqual(byName.get("ecs-taskdef-no-privileged-containers")!.url, "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-4");
        assert.ok(byName.get("ecs-taskdef-no-privileged-containers")!.tags.includes("checkov:CKV_AWS_334"));
    });

    it("relaxes exactly the HTTPS-listener and public-IP rules to advisory in dev, and nothing in prod", async () => {
        const info = await getAnalyzerInfo();
        const defaults = reconcileConfig(info, {});
        const dev = reconcileConfig(info, stackPolicyConfig("dev"));
        const prod = reconcileConfig(info, stackPolicyConfig("prod"));
        assert.deepStrictEqual(prod, defaults);
        const changed = Object.keys(dev).filter((k) => JSON.stringify(dev[k]) !== JSON.stringify(defaults[k])).sort();
        assert.deepStrictEqual(changed, ["alb-listener-https-or-redirect", "ecs-service-no-public-ip"]);
        assert.deepStrictEqual(changed.map((k) => [defaults[k].enforcementLevel, dev[k].enforcementLevel]), [["mandatory", "advisory"], ["mandatory", "advisory"]]);
    });

    it("fills each policy's config with its schema defaults, as the CLI does", async () => {
        const config = reconcileConfig(await getAnalyzerInfo(), {});
        assert.deepStrictEqual(config["log-group-retention"], { enforcementLevel: "advisory", properties: { minRetentionDays: 365 } });
        assert.deepStrictEqual(config["sg-no-public-ingress-except-authorized-ports"].properties.authorizedTcpPorts, [80, 443]);
    });

    it("rejects config that does not match a policy's schema", async () => {
        const info = await getAnalyzerInfo();
        assert.throws(() => reconcileConfig(info, { "log-group-retention": { minRetentionDays: "a year" } }),
            /log-group-retention\.minRetentionDays: "a year" is not one of/);
        assert.throws(() => reconcileConfig(info, { "ecs-service-no-public-ip": "sometimes" as any }), /unknown enforcement level "sometimes"/);
    });

    it("reports nothing at any level for the compliant stack under prod", async () => {
        const result = await analyze(recorded(baselineStack()), stackPolicyConfig("prod"));
        assert.deepStrictEqual(summary(result), []);
    });

    it("reports the known-bad stack's violations with the table's levels under prod", async () => {
        const result = await analyze(recorded(knownBadStack()), stackPolicyConfig("prod"));
        assert.deepStrictEqual(summary(result), [
            "alb-listener-https-or-redirect mandatory app-http",
            "ecr-repository-immutable-tags mandatory app-repo",
            "ecr-repository-lifecycle-policy advisory app-repo",
            "ecs-service-no-public-ip mandatory app-service",
            "ecs-service-task-ingress-restricted mandatory app-service",
            "log-group-retention advisory app-logs",
            "sg-no-public-ingress-except-authorized-ports mandatory app-task-open",
        ]);
        const immutable = result.diagnostics.find((d) => d.policyName === "ecr-repository-immutable-tags")!;
        assert.strictEqual(immutable.message, `${immutable.description}\n\`imageTagMutability\` is MUTABLE (unset); set \`imageTagMutability: "IMMUTABLE"\`.`);
        assert.strictEqual(immutable.severity, "high");
        assert.strictEqual(immutable.phase, "analyze");
        assert.strictEqual(result.diagnostics.find((d) => d.policyName === "ecs-service-task-ingress-restricted")!.phase, "analyzeStack");
    });

    it("reports the same violations under dev with the two relaxed rules advisory", async () => {
        const result = await analyze(recorded(knownBadStack()), stackPolicyConfig("dev"));
        assert.deepStrictEqual(summary(result), [
            "alb-listener-https-or-redirect advisory app-http",
            "ecr-repository-immutable-tags mandatory app-repo",
            "ecr-repository-lifecycle-policy advisory app-repo",
            "ecs-service-no-public-ip advisory app-service",
            "ecs-service-task-ingress-restricted mandatory app-service",
            "log-group-retention advisory app-logs",
            "sg-no-public-ingress-except-authorized-ports mandatory app-task-open",
        ]);
    });

    it("passes config properties through Configure to the policies", async () => {
        const result = await analyze(recorded(baselineStack()), { "log-group-retention": { minRetentionDays: 400 } });
        assert.deepStrictEqual(result.diagnostics.map((d) => d.message.split("\n")[1]), ["`retentionInDays` is 365; set it to at least 400."]);
    });

    it("runs a disabled rule when the config enables it", async () => {
        const result = await analyze(recorded(baselineStack()), { "alb-not-internet-facing": "mandatory" });
        assert.deepStrictEqual(summary(result), ["alb-not-internet-facing mandatory app-alb"]);
    });

    it("reads secrets in their wire form", async () => {
        const s = baselineStack();
        find(s, "app-task").props.containerDefinitions = {
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            value: JSON.stringify([{ ...container(), privileged: true }]),
        };
        const result = await analyze(recorded(s), {});
        assert.deepStrictEqual(summary(result), ["ecs-taskdef-no-privileged-containers mandatory app-task"]);
    });

    it("turns container checks into preview advisories when containerDefinitions is unknown, and still checks the network mode", async () => {
        const s = baselineStack();
        find(s, "app-task").props.containerDefinitions = UNKNOWN;
        find(s, "app-task").props.networkMode = "bridge";
        const result = await analyze(recorded(s), {});
        const mandatory = result.diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName);
        assert.deepStrictEqual(mandatory, ["ecs-taskdef-awsvpc-network-mode"]);
        const skipped = result.diagnostics.filter((d) => d.skippedDuringPreview);
        assert.ok(skipped.length >= 5, `${skipped.length} skipped`);
        assert.ok(skipped.every((d) => d.enforcementLevel === "advisory" && d.urn === urnOf(find(s, "app-task"))));
        assert.ok(skipped.some((d) => d.policyName === "ecs-taskdef-no-privileged-containers"));
    });
});
