import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { LoadBalancer, LoadBalancerArgs, WebService, WebServiceArgs } from "../../components";
import { validateLoadBalancerArgs } from "../../components/loadBalancer";
import { validateWebServiceArgs } from "../../components/webServiceValidation";
import { childrenOf, constructionError, json, record } from "../helpers";

const CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/main";
const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
const LB: LoadBalancerArgs = { vpcId: "vpc-1", subnetIds: ["subnet-public-a", "subnet-public-b"] };
const SERVICE = { clusterArn: CLUSTER, vpcId: "vpc-1", subnetIds: ["subnet-private-a", "subnet-private-b"], image: IMAGE };
const ATTACH = {
    listenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/1/2",
    securityGroupId: "sg-shared",
    arnSuffix: "app/shared/1",
};

function rule(r: { inputs: Record<string, unknown> }): string {
    const i = r.inputs;
    const peer = i.cidrIpv4 ?? i.cidrIpv6 ?? `sg:${i.referencedSecurityGroupId}`;
    return `${i.securityGroupId} ${i.ipProtocol} ${i.fromPort ?? "*"}-${i.toPort ?? "*"} ${peer}`;
}

describe("LoadBalancer", () => {
    it("creates exactly the load balancer, its security group, its ingress and a 404 HTTP listener", async () => {
        const rec = await record(() => new LoadBalancer("shared", LB));
        assert.deepEqual(childrenOf(rec, "shared"), [
            "aws:ec2/securityGroup:SecurityGroup shared-sg",
            "aws:lb/listener:Listener shared-http",
            "aws:lb/loadBalancer:LoadBalancer shared",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule shared-in-80-1",
        ]);
        const http = rec.get("aws:lb/listener:Listener", "shared-http").inputs;
        assert.deepEqual(http.defaultActions, [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Not Found", statusCode: "404" } }]);
        const lb = rec.get("aws:lb/loadBalancer:LoadBalancer", "shared").inputs;
        assert.deepEqual([lb.loadBalancerType, lb.internal, lb.dropInvalidHeaderFields, lb.desyncMitigationMode, lb.idleTimeout], ["application", false, true, "defensive", 60]);
        assert.deepEqual(rec.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"), [], "egress comes from each attached service, to its tasks only");
    });

    it("answers 404 on HTTPS and redirects HTTP to it with a certificate, and attaches services to HTTPS", async () => {
        let listenerArn: pulumi.Output<string> | undefined;
        const rec = await record(() => { listenerArn = new LoadBalancer("shared", { ...LB, certificateArn: CERT }).listenerArn; });
        const https = rec.get("aws:lb/listener:Listener", "shared-https");
        assert.deepEqual([https.inputs.protocol, https.inputs.port, https.inputs.sslPolicy, https.inputs.certificateArn], ["HTTPS", 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", CERT]);
        assert.deepEqual((https.inputs.defaultActions as any[])[0].fixedResponse.statusCode, "404");
        assert.deepEqual(rec.get("aws:lb/listener:Listener", "shared-http").inputs.defaultActions, [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
        const sg = rec.get("aws:ec2/securityGroup:SecurityGroup", "shared-sg").id;
        assert.deepEqual(rec.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(rule).sort(), [`${sg} tcp 443-443 0.0.0.0/0`, `${sg} tcp 80-80 0.0.0.0/0`]);
        const arn = await new Promise((resolve) => listenerArn!.apply(resolve));
        assert.equal(arn, https.outputs.arn);
    });

    it("rejects one subnet and an idle timeout past 4000 seconds before creating anything", async () => {
        const { error, recorder } = await constructionError(() => new LoadBalancer("shared", { ...LB, subnetIds: ["subnet-a"], idleTimeoutSeconds: 5000 }));
        assert.equal(error.message, [
            'Invalid arguments for LoadBalancer "shared":',
            "  - `subnetIds` has 1 subnet; an application load balancer needs subnets in at least two availability zones.",
            "  - `idleTimeoutSeconds` 5000 is not valid; use a whole number from 1 to 4000 seconds.",
        ].join("\n"));
        assert.deepEqual(recorder.resources.map((r) => r.urn), []);
    });

    it("accepts the defaults", () => {
        assert.deepEqual(validateLoadBalancerArgs(LB).filter(Boolean), []);
    });
});

describe("WebService on a shared LoadBalancer", () => {
    const args: WebServiceArgs = { ...SERVICE, containerPort: 8080, loadBalancer: { ...ATTACH, priority: 10, hostHeaders: ["api.example.com"] } };

    it("creates only its target group, one listener rule and the two security-group rules: no load balancer, listener or load-balancer group", async () => {
        const rec = await record(() => new WebService("api", args));
        assert.deepEqual(childrenOf(rec, "api"), [
            "aws:cloudwatch/logGroup:LogGroup api-logs",
            "aws:ec2/securityGroup:SecurityGroup api-task-sg",
            "aws:ecs/service:Service api",
            "aws:ecs/taskDefinition:TaskDefinition api-task",
            "aws:iam/role:Role api-exec-role",
            "aws:iam/role:Role api-task-role",
            "aws:iam/rolePolicy:RolePolicy api-exec-policy",
            "aws:lb/listenerRule:ListenerRule api-rule",
            "aws:lb/targetGroup:TargetGroup api-tg",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule api-lb-out-tasks",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule api-task-out-all",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule api-task-in-lb",
        ]);
    });

    it("admits only the shared group on the container port, and gives that group the matching egress", async () => {
        const rec = await record(() => new WebService("api", args));
        const taskSg = rec.get("aws:ec2/securityGroup:SecurityGroup", "api-task-sg").id;
        assert.deepEqual(rec.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(rule), [`${taskSg} tcp 8080-8080 sg:sg-shared`]);
        assert.deepEqual(rec.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").map(rule).sort(), [`${taskSg} -1 *-* 0.0.0.0/0`, `sg-shared tcp 8080-8080 sg:${taskSg}`].sort());
    });

    it("routes its host to its target group at its priority, and registers the tasks there after the rule exists", async () => {
        const rec = await record(() => new WebService("api", { ...args, loadBalancer: { ...args.loadBalancer!, pathPatterns: ["/v1/*"] } }));
        const listenerRule = rec.get("aws:lb/listenerRule:ListenerRule", "api-rule");
        const tg = rec.get("aws:lb/targetGroup:TargetGroup", "api-tg");
        assert.deepEqual([listenerRule.inputs.listenerArn, listenerRule.inputs.priority], [ATTACH.listenerArn, 10]);
        assert.deepEqual(listenerRule.inputs.conditions, [{ hostHeader: { values: ["api.example.com"] } }, { pathPattern: { values: ["/v1/*"] } }]);
        assert.deepEqual(listenerRule.inputs.actions, [{ type: "forward", targetGroupArn: tg.outputs.arn }]);
        const service = rec.get("aws:ecs/service:Service", "api");
        assert.deepEqual(service.inputs.loadBalancers, [{ targetGroupArn: tg.outputs.arn, containerName: "app", containerPort: 8080 }]);
        assert.ok(service.dependencies.includes(listenerRule.urn));
    });

    it("scales on requests with the shared load balancer's suffix, and reports the shared group and no load balancer of its own", async () => {
        let out: WebService | undefined;
        const rec = await record(() => { out = new WebService("api", { ...args, autoscaling: { minCapacity: 1, maxCapacity: 3, requestsPerTarget: 500 } }); });
        const tg = rec.get("aws:lb/targetGroup:TargetGroup", "api-tg").outputs;
        const requests = rec.get("aws:appautoscaling/policy:Policy", "api-requests-scaling").inputs as any;
        assert.equal(requests.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.resourceLabel, `app/shared/1/${tg.arnSuffix}`);
        const value = (o: pulumi.Output<string>) => new Promise((resolve) => o.apply(resolve));
        assert.deepEqual(await Promise.all([out!.loadBalancerSecurityGroupId, out!.loadBalancerArn, out!.url].map(value)), ["sg-shared", "", ""]);
    });

    it("lets two services share one load balancer with one load balancer in the stack", async () => {
        const rec = await record(() => {
            const lb = new LoadBalancer("shared", LB);
            const attach = { listenerArn: lb.listenerArn, securityGroupId: lb.securityGroupId, arnSuffix: lb.arnSuffix };
            new WebService("api", { ...SERVICE, loadBalancer: { ...attach, priority: 10, hostHeaders: ["api.example.com"] } });
            new WebService("www", { ...SERVICE, loadBalancer: { ...attach, priority: 20, hostHeaders: ["www.example.com"] } });
        });
        assert.equal(rec.ofType("aws:lb/loadBalancer:LoadBalancer").length, 1);
        const listener = rec.get("aws:lb/listener:Listener", "shared-http").outputs.arn;
        assert.deepEqual(rec.ofType("aws:lb/listenerRule:ListenerRule").map((r) => [r.name, r.inputs.listenerArn, r.inputs.priority]), [["api-rule", listener, 10], ["www-rule", listener, 20]]);
        const shared = rec.get("aws:ec2/securityGroup:SecurityGroup", "shared-sg").id;
        const egress = rec.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => r.inputs.securityGroupId === shared).map((r) => r.name).sort();
        assert.deepEqual(egress, ["api-lb-out-tasks", "www-lb-out-tasks"]);
    });
});

describe("WebService attachment validation", () => {
    const base: WebServiceArgs = { ...SERVICE, loadBalancer: { ...ATTACH, priority: 10, hostHeaders: ["api.example.com"] } };
    const cases: [string, Partial<WebServiceArgs["loadBalancer"]> | undefined, Partial<WebServiceArgs>, string][] = [
        ["priority 0", { priority: 0 }, {}, "`loadBalancer.priority` 0 is not valid; use a whole number from 1 to 50000."],
        ["priority 50001", { priority: 50001 }, {}, "`loadBalancer.priority` 50001 is not valid; use a whole number from 1 to 50000."],
        ["no condition", { hostHeaders: [] }, {}, "`loadBalancer` has no condition; give `hostHeaders`, `pathPatterns` or both, so the rule matches only this service's requests."],
        ["six condition values", { hostHeaders: ["a.example.com", "b.example.com", "c.example.com"], pathPatterns: ["/a", "/b", "/c"] }, {},
            "`loadBalancer` has 6 condition values; keep at most 5 (host headers and path patterns together: a listener rule takes no more), splitting the service's hosts or paths."],
        ["a host with a space", { hostHeaders: ["api example.com"] }, {}, '`loadBalancer.hostHeaders[0]` "api example.com" is not a host name pattern; use up to 128 letters, digits, "-", "." and the wildcards "*" and "?", e.g. "api.example.com".'],
        ["a path with a space", { pathPatterns: ["/a b"] }, {}, '`loadBalancer.pathPatterns[0]` "/a b" is not a path pattern; use up to 128 characters of A-Z, a-z, 0-9, _ - . $ / ~ " \' @ : + & and the wildcards "*" and "?", e.g. "/api/*".'],
        ["a listener that is not an ELB ARN", { listenerArn: "listener-1" }, {}, '`loadBalancer.listenerArn` "listener-1" is not an ARN of elasticloadbalancing; use one such as "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/50dc6c495c0c9188/f2f7dc8efc522ab2".'],
        ["own load-balancer settings", {}, { certificateArn: CERT }, `\`certificateArn\` "${CERT}" configures the service's own load balancer, but it attaches to a shared one with \`loadBalancer\`; drop it here and set it on the \`LoadBalancer\`.`],
        ["neither a load balancer nor its subnets", undefined, {}, "`loadBalancerSubnetIds` is required without `loadBalancer`; give the subnets of the service's own load balancer, or attach it to a shared `LoadBalancer` with `loadBalancer`."],
    ];
    for (const [what, attach, change, message] of cases) {
        it(`rejects ${what}`, () => {
            const args = { ...base, ...change, loadBalancer: attach === undefined ? undefined : { ...base.loadBalancer!, ...attach } } as WebServiceArgs;
            assert.deepEqual(validateWebServiceArgs(args, "api").filter(Boolean), [message]);
        });
    }

    it("accepts a rule with five values", () => {
        const loadBalancer = { ...base.loadBalancer!, hostHeaders: ["a.example.com", "*.b.example.com"], pathPatterns: ["/a/*", "/b", "/c?"] };
        assert.deepEqual(validateWebServiceArgs({ ...base, loadBalancer }, "api").filter(Boolean), []);
    });
});
