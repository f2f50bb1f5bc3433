import * as path from "path";
import * as assert from "assert";
import { mermaid } from "../../plan/diagram";
import { columns, duration, mdTable, range, unitUsd, usd } from "../../plan/format";
import { summarise } from "../../plan/plan";
import { loadStack, runStack } from "../../plan/stack";
import { treeRows } from "../../plan/render";
import { keySettings } from "../../plan/settings";
import { webStack } from "./fixtures/resources";

const PACKAGE_DIR = path.resolve(__dirname, "..", "..");

describe("plan render: formats", () => {
    it("writes durations as a person reads them", () => {
        assert.deepStrictEqual([duration(45), duration(60), duration(155), duration(3720)], ["45 s", "1 min", "2 min 35 s", "1 h 2 min"]);
        assert.deepStrictEqual([range(55, 125), range(0, 0)], ["55 s – 2 min 5 s", "0 s"]);
    });

    it("writes dollars with cents and unit prices with every digit", () => {
        assert.deepStrictEqual([usd(34.59), usd(7.3), unitUsd(0.5), unitUsd(0.004445)], ["$34.59", "$7.30", "$0.50", "$0.004445"]);
    });

    it("aligns columns and escapes pipes in Markdown tables", () => {
        assert.deepStrictEqual(columns([["a", "bb", "c"], ["ddd", "e", "f"]], ""), ["a    bb  c", "ddd  e   f"]);
        assert.deepStrictEqual(mdTable(["x"], [["a|b"]]), ["| x |", "|---|", "| a\\|b |"]);
    });
});

describe("plan render: the resource tree", () => {
    it("nests resources under their components like pulumi preview, with key settings", () => {
        const { fx } = webStack({ architecture: "ARM64", desiredCount: 1 });
        const rows = treeRows(summarise(fx.resources));
        assert.deepStrictEqual(rows.slice(0, 4).map((r) => [r[0], r[1]]), [
            ["pulumi:pulumi:Stack", "fixture-test"],
            ["├─ ecs-fargate:index:Registry", "app"],
            ["│  ├─ aws:ecr/repository:Repository", "app"],
            ["│  └─ docker:index/image:Image", "app-image"],
        ]);
        assert.deepStrictEqual(rows[rows.length - 1].slice(0, 2), ["   └─ aws:ecs/service:Service", "web"]);
    });

    it("shows the settings that matter for cost, time and security", () => {
        const { named } = webStack({ architecture: "ARM64", cpu: "512", memory: "1024", desiredCount: 2, assignPublicIp: true });
        const { containers, ...sizing } = keySettings(named.td);
        assert.deepStrictEqual(sizing, { family: "web", cpu: "512", memory: "1024", networkMode: "awsvpc", architecture: "ARM64" });
        assert.match(String(containers), /^app=123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/app@sha256:[0-9a-f]{12}…$/);
        assert.deepStrictEqual(keySettings(named.service), { name: "web", desiredCount: 2, healthCheckGracePeriodSeconds: 30, assignPublicIp: true, subnets: 2 });
    });

    it("hides secret values", () => {
        const { named } = webStack({});
        named.repo.inputs.name = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hidden" };
        assert.strictEqual(keySettings(named.repo).name, "[secret]");
    });
});

describe("plan render: the Mermaid diagram", () => {
    it("follows a request from the internet to the service, then what each resource uses", () => {
        const { fx } = webStack({ desiredCount: 1 });
        const lines = mermaid(fx.resources).split("\n");
        const id = (label: string) => lines.find((l) => l.includes(`["${label}`))!.trim().split("[")[0];
        const [alb, listener, tg, service, td] = ["load balancer<br/>web-alb", "listener<br/>web-http", "target group<br/>web-tg", "ECS service<br/>web", "task definition<br/>web-task"].map(id);
        for (const edge of [`internet --> ${alb}`, `${alb} --> ${listener}`, `${listener} -->|defaultActions| ${tg}`, `${tg} --> ${service}`, `${service} -->|taskDefinition| ${td}`]) {
            assert.ok(lines.includes(`    ${edge}`), `missing edge ${edge}`);
        }
        assert.ok(lines.some((l) => /^    subgraph c\d+\["FargateCluster main"\]$/.test(l)), "no subgraph for the cluster component");
    });

    it("has no Internet node when every load balancer is internal", () => {
        const { fx } = webStack({ internal: true });
        assert.ok(!mermaid(fx.resources).includes("internet"));
    });

    it("shows the shared load balancer's rules routing to each service, and a worker with no edge from the internet", async function () {
        this.timeout(60_000);
        const resources = (await runStack(loadStack(path.join(PACKAGE_DIR, "stacks", "platform"), "platform"))).resources;
        const lines = mermaid(resources).split("\n");
        const id = (label: string) => lines.find((l) => l.includes(`["${label}`))!.trim().split("[")[0];
        const [alb, listener, apiRule, wwwRule, apiTg, wwwTg, api, www, worker] = [
            "load balancer<br/>edge", "listener<br/>edge-https", "listener rule 10: api.example.com<br/>api-rule", "listener rule 20: www.example.com<br/>www-rule",
            "target group<br/>api-tg", "target group<br/>www-tg", "ECS service<br/>api", "ECS service<br/>www", "ECS service (no load balancer, no inbound)<br/>worker",
        ].map(id);
        for (const edge of [`internet --> ${alb}`, `${alb} --> ${listener}`, `${listener} --> ${apiRule}`, `${listener} --> ${wwwRule}`,
            `${apiRule} -->|actions| ${apiTg}`, `${wwwRule} -->|actions| ${wwwTg}`, `${apiTg} --> ${api}`, `${wwwTg} --> ${www}`]) {
            assert.ok(lines.includes(`    ${edge}`), `missing edge ${edge}`);
        }
        assert.equal(lines.filter((l) => l.startsWith("    internet -->")).length, 1, "one internet edge: the shared load balancer");
        assert.ok(!lines.some((l) => l.endsWith(` --> ${worker}`)), "nothing routes to the worker");
    });
});
