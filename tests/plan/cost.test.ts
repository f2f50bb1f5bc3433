import * as assert from "assert";
import { estimateCost, monthly, splitTasks, taskHourlyUsd, toCents } from "../../plan/cost";
import { HOURS_PER_MONTH, PRICES, SPOT_PRICE_FACTOR } from "../../plan/prices";
import { FargateCluster } from "../../components";
import { record } from "../helpers";
import { webStack } from "./fixtures/resources";

/** The monthly lines of one resource, as `item → dollars`. */
function linesOf(report: ReturnType<typeof estimateCost>, name: string): Record<string, number> {
    return Object.fromEntries(report.lines.filter((l) => l.name === name).map((l) => [l.item, l.monthlyUsd]));
}

describe("plan cost: the price table", () => {
    it("uses a 730-hour month and the FACTS.md prices", () => {
        assert.strictEqual(HOURS_PER_MONTH, 730);
        assert.deepStrictEqual(
            [PRICES.fargateX86VcpuHour.usd, PRICES.fargateX86GbHour.usd, PRICES.fargateArmVcpuHour.usd, PRICES.fargateArmGbHour.usd],
            [0.04048, 0.004445, 0.03238, 0.00356],
        );
        assert.deepStrictEqual([PRICES.albHour.usd, PRICES.natHour.usd, PRICES.interfaceEndpointAzHour.usd, PRICES.publicIpv4Hour.usd], [0.0225, 0.045, 0.01, 0.005]);
        assert.strictEqual(SPOT_PRICE_FACTOR.factor, 0.33);
    });

    it("quotes its source row for every price", () => {
        for (const [key, p] of Object.entries(PRICES)) {
            assert.ok(p.source.includes("|"), `${key} has no FACTS.md row`);
            assert.ok(p.usd === 0 || p.source.includes(String(p.usd).replace(/^0/, "")), `${key}: ${p.usd} is not in its row "${p.source}"`);
        }
    });
});

describe("plan cost: rounding and task arithmetic", () => {
    it("rounds half a cent up despite binary noise", () => {
        // 0.0225 × 730 = 16.425 exactly on paper, 16.424999… in floating point.
        assert.strictEqual(toCents(0.0225 * 730), 1643);
        assert.strictEqual(monthly(0.0225), 16.43);
    });

    it("prices one 0.25 vCPU / 0.5 GB task per hour by architecture", () => {
        // x86: 0.25 × 0.04048 + 0.5 × 0.004445 = 0.0123425; ARM: 0.25 × 0.03238 + 0.5 × 0.00356 = 0.009875
        assert.strictEqual(taskHourlyUsd(0.25, 0.5, "X86_64").toFixed(7), "0.0123425");
        assert.strictEqual(taskHourlyUsd(0.25, 0.5, "ARM64").toFixed(6), "0.009875");
    });

    it("puts the base on its provider first, then splits the rest by weight", () => {
        const strategy = [{ capacityProvider: "FARGATE", base: 1, weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 3 }];
        assert.deepStrictEqual(splitTasks(5, strategy), { onDemand: 2, spot: 3, other: 0 });
        assert.deepStrictEqual(splitTasks(1, strategy), { onDemand: 1, spot: 0, other: 0 });
        assert.deepStrictEqual(splitTasks(0, strategy), { onDemand: 0, spot: 0, other: 0 });
    });

    it("keeps fractions when the weights do not divide the tasks", () => {
        assert.deepStrictEqual(splitTasks(3, [{ capacityProvider: "FARGATE", weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 3 }]), { onDemand: 0.75, spot: 2.25, other: 0 });
    });
});

describe("plan cost: stacks", () => {
    it("prices the cheap dev shape (ARM64, public task IP, two-AZ ALB, no NAT) at $34.59", () => {
        const { fx } = webStack({ architecture: "ARM64", desiredCount: 1, assignPublicIp: true });
        const report = estimateCost(fx.resources);
        assert.deepStrictEqual(linesOf(report, "web-alb"), {
            "Application Load Balancer hours": 16.43, // 0.0225 × 730 = 16.425
            "public IPv4: 2 load balancer node addresses (one per subnet/AZ)": 7.3, // 2 × 0.005 × 730
        });
        assert.deepStrictEqual(linesOf(report, "web"), {
            "Fargate on-demand ARM64: 1 task × (0.25 vCPU + 0.50 GB)": 7.21, // 0.009875 × 730 = 7.20875
            "public IPv4: 1 task address": 3.65, // 0.005 × 730
        });
        assert.strictEqual(report.totalMonthlyUsd, 34.59);
    });

    it("prices the same stack on x86 at $36.39, FACTS.md's 'about $36' reference bill", () => {
        const { fx } = webStack({ architecture: "X86_64", desiredCount: 1, assignPublicIp: true });
        const report = estimateCost(fx.resources);
        assert.strictEqual(linesOf(report, "web")["Fargate on-demand X86_64: 1 task × (0.25 vCPU + 0.50 GB)"], 9.01); // 0.0123425 × 730 = 9.010025
        assert.strictEqual(report.totalMonthlyUsd, 36.39);
    });

    it("adds a NAT gateway and its Elastic IP per zone", () => {
        const { fx } = webStack({ natGateways: 2, desiredCount: 1 });
        const report = estimateCost(fx.resources);
        assert.deepStrictEqual(linesOf(report, "main-nat-1"), { "NAT gateway hours": 32.85 }); // 0.045 × 730
        assert.deepStrictEqual(linesOf(report, "main-nat-2-eip"), { "public IPv4: 1 Elastic IP address": 3.65 });
        // ALB 16.43 + ALB IPs 7.30 + x86 task 9.01 + 2 × (32.85 + 3.65) = 105.74 (FACTS.md: CDK's two-NAT default ≈ $106)
        assert.strictEqual(report.totalMonthlyUsd, 105.74);
    });

    it("charges no public addresses for an internal load balancer or tasks without a public IP", () => {
        const { fx } = webStack({ internal: true, desiredCount: 1, assignPublicIp: false });
        const report = estimateCost(fx.resources);
        assert.deepStrictEqual(linesOf(report, "web-alb"), { "Application Load Balancer hours": 16.43 });
        assert.deepStrictEqual(Object.keys(linesOf(report, "web")), ["Fargate on-demand X86_64: 1 task × (0.25 vCPU + 0.50 GB)"]);
    });

    it("splits tasks over Spot with the cluster's default strategy", () => {
        const { fx } = webStack({
            cpu: "1024", memory: "2048", desiredCount: 5,
            clusterStrategy: [{ capacityProvider: "FARGATE", base: 1, weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 3 }],
        });
        const report = estimateCost(fx.resources);
        // one x86 1 vCPU / 2 GB task: 0.04048 + 2 × 0.004445 = 0.04937 an hour
        assert.deepStrictEqual(linesOf(report, "web"), {
            "Fargate on-demand X86_64: 2 tasks × (1 vCPU + 2 GB)": 72.08, // 2 × 0.04937 × 730 = 72.0802
            "Fargate Spot X86_64: 3 tasks × (1 vCPU + 2 GB) × 0.33": 35.68, // 3 × 0.04937 × 0.33 × 730 = 35.6797
        });
        assert.strictEqual(report.services[0].strategySource, "the cluster's default strategy (main-capacity)");
    });

    it("lets the service's own strategy override the cluster's", () => {
        const { fx } = webStack({ desiredCount: 2, serviceStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }] });
        const report = estimateCost(fx.resources);
        assert.deepStrictEqual(linesOf(report, "web"), { "Fargate Spot X86_64: 2 tasks × (0.25 vCPU + 0.50 GB) × 0.33": 5.95 }); // 2 × 0.0123425 × 0.33 × 730 = 5.9465
        assert.strictEqual(report.services[0].strategySource, "the service's capacity provider strategy");
    });

    it("prices each endpoint a cluster creates for secrets and ECS Exec at $0.01 per zone-hour", async () => {
        const rec = await record(() => new FargateCluster("main", {
            natGateways: "None", vpcEndpoints: true, secretsVpcEndpoints: true, executeCommandVpcEndpoints: true,
            executeCommandKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abc",
        }));
        const report = estimateCost(rec.resources);
        const endpoints = report.lines.filter((l) => l.type === "aws:ec2/vpcEndpoint:VpcEndpoint").map((l) => `${l.item} ${l.monthlyUsd}`).sort();
        assert.deepStrictEqual(endpoints, ["ecr.api", "ecr.dkr", "kms", "logs", "secretsmanager", "ssm", "ssmmessages"]
            .map((svc) => `interface endpoint com.amazonaws.us-east-1.${svc}: 2 AZs 14.6`) // 2 × 0.01 × 730
            .concat(["gateway endpoint com.amazonaws.us-east-1.s3 (free) 0"]).sort());
    });

    it("prices interface endpoints per zone and gateway endpoints at nothing", () => {
        const { fx } = webStack({ azs: 3, interfaceEndpoints: ["ecr.api", "ecr.dkr", "logs"], desiredCount: 1 });
        const report = estimateCost(fx.resources);
        assert.deepStrictEqual(linesOf(report, "main-ecr.api"), { "interface endpoint com.amazonaws.us-east-1.ecr.api: 3 AZs": 21.9 }); // 3 × 0.01 × 730
        assert.deepStrictEqual(linesOf(report, "main-s3"), { "gateway endpoint com.amazonaws.us-east-1.s3 (free)": 0 });
    });

    it("shows the autoscaling range beside the desired count without adding it", () => {
        const { fx } = webStack({ architecture: "ARM64", cpu: "512", memory: "1024", desiredCount: 2, autoscaling: { minCapacity: 2, maxCapacity: 6 } });
        const report = estimateCost(fx.resources);
        // ARM 0.5 vCPU / 1 GB: 0.5 × 0.03238 + 1 × 0.00356 = 0.01975 an hour per task
        assert.deepStrictEqual(report.services[0].autoscaling, { minCapacity: 2, maxCapacity: 6, monthlyUsdAtMin: 28.84, monthlyUsdAtMax: 86.51 }); // 28.835, 86.505
        assert.strictEqual(linesOf(report, "web")["Fargate on-demand ARM64: 2 tasks × (0.50 vCPU + 1 GB)"], 28.84);
    });

    it("prices no tasks when the desired count is unset (the provider's default is 0)", () => {
        const { fx } = webStack({});
        const report = estimateCost(fx.resources);
        assert.deepStrictEqual(linesOf(report, "web"), {});
        assert.strictEqual(report.services[0].desiredCount, 0);
    });

    it("lists traffic- and usage-priced items with their unit prices instead of guessing", () => {
        const { fx } = webStack({ natGateways: 1, desiredCount: 1 });
        const usage = estimateCost(fx.resources).usage.map((u) => `${u.name}: ${u.prices.join("+")}`);
        assert.deepStrictEqual(usage.sort(), [
            "app: ecrStorageGbMonth",
            "main-nat-1: natGb",
            "web-alb: albLcuHour",
            "web-logs: logsIngestedGb+logsStoredGbMonth",
        ]);
    });
});
