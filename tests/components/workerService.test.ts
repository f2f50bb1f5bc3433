import { strict as assert } from "assert";
import { WorkerService, WorkerServiceArgs } from "../../components";
import { validateWorkerServiceArgs } from "../../components/workerServiceValidation";
import { childrenOf, constructionError, json, record } from "../helpers";

const CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/main";
const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/worker@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const BASE: WorkerServiceArgs = { clusterArn: CLUSTER, vpcId: "vpc-1", subnetIds: ["subnet-private-a", "subnet-private-b"], image: IMAGE };

describe("WorkerService", () => {
    it("creates exactly a task, its roles, logs, a security group and the service: nothing of a load balancer", async () => {
        const rec = await record(() => new WorkerService("jobs", BASE));
        assert.deepEqual(childrenOf(rec, "jobs"), [
            "aws:cloudwatch/logGroup:LogGroup jobs-logs",
            "aws:ec2/securityGroup:SecurityGroup jobs-task-sg",
            "aws:ecs/service:Service jobs",
            "aws:ecs/taskDefinition:TaskDefinition jobs-task",
            "aws:iam/role:Role jobs-exec-role",
            "aws:iam/role:Role jobs-task-role",
            "aws:iam/rolePolicy:RolePolicy jobs-exec-policy",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule jobs-task-out-all",
        ]);
        const component = rec.resources.find((r) => !r.custom && r.name === "jobs")!;
        assert.equal(component.type, "ecs-fargate:index:WorkerService");
    });

    it("admits nothing: no ingress rule at all, egress to anywhere for pulls, logs and the queue", async () => {
        const rec = await record(() => new WorkerService("jobs", BASE));
        assert.deepEqual(rec.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), []);
        const sg = rec.get("aws:ec2/securityGroup:SecurityGroup", "jobs-task-sg");
        assert.deepEqual([sg.inputs.ingress, sg.inputs.description], [undefined, "Tasks of jobs: no inbound access"]);
        const [egress] = rec.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        assert.deepEqual([egress.inputs.securityGroupId, egress.inputs.ipProtocol, egress.inputs.cidrIpv4], [sg.id, "-1", "0.0.0.0/0"]);
    });

    it("runs a rolling service with no load balancer, no grace period, the circuit breaker and private tasks", async () => {
        const rec = await record(() => new WorkerService("jobs", BASE));
        const service = rec.get("aws:ecs/service:Service", "jobs").inputs;
        assert.deepEqual(service.loadBalancers, []);
        assert.equal(service.healthCheckGracePeriodSeconds, undefined);
        assert.equal(service.deploymentConfiguration, undefined);
        assert.deepEqual(service.deploymentCircuitBreaker, { enable: true, rollback: true });
        assert.deepEqual(service.networkConfiguration, {
            subnets: ["subnet-private-a", "subnet-private-b"],
            securityGroups: [rec.get("aws:ec2/securityGroup:SecurityGroup", "jobs-task-sg").id],
            assignPublicIp: false,
        });
        assert.deepEqual(rec.get("aws:ecs/service:Service", "jobs").dependencies.filter((u) => u.includes("aws:lb")), []);
    });

    it("publishes no port unless given one", async () => {
        const rec = await record(() => new WorkerService("jobs", BASE));
        const [container] = json(rec.get("aws:ecs/taskDefinition:TaskDefinition", "jobs-task"), "containerDefinitions");
        assert.deepEqual(container.portMappings, []);
        assert.equal(container.logConfiguration.options["awslogs-stream-prefix"], "app");
    });

    it("scales on the queue's backlog per task with metric math: visible messages over running tasks", async () => {
        const rec = await record(() => new WorkerService("jobs", { ...BASE, autoscaling: { minCapacity: 1, maxCapacity: 10, queueDepth: { queueName: "orders", messagesPerTask: 100 } } }));
        const service = rec.get("aws:ecs/service:Service", "jobs");
        assert.deepEqual(service.ignoreChanges, ["desiredCount"]);
        const policies = rec.ofType("aws:appautoscaling/policy:Policy").map((p) => p.name).sort();
        assert.deepEqual(policies, ["jobs-queue-scaling"], "only the queue target: no CPU default when a target is named");
        const config = (rec.get("aws:appautoscaling/policy:Policy", "jobs-queue-scaling").inputs as any).targetTrackingScalingPolicyConfiguration;
        assert.equal(config.targetValue, 100);
        assert.equal(config.predefinedMetricSpecification, undefined);
        assert.deepEqual(config.customizedMetricSpecification.metrics, [
            { id: "m1", label: "Visible messages", returnData: false, metricStat: { stat: "Sum", metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: [{ name: "QueueName", value: "orders" }] } } },
            {
                id: "m2", label: "Running tasks", returnData: false,
                metricStat: { stat: "Average", metric: { namespace: "ECS/ContainerInsights", metricName: "RunningTaskCount", dimensions: [{ name: "ClusterName", value: "main" }, { name: "ServiceName", value: service.inputs.name }] } },
            },
            { id: "e1", label: "Backlog per task", expression: "m1 / m2", returnData: true },
        ]);
    });

    it("scales on CPU and the queue together when both are asked for", async () => {
        const rec = await record(() => new WorkerService("jobs", { ...BASE, autoscaling: { minCapacity: 1, maxCapacity: 4, cpuTargetPercent: 70, queueDepth: { queueName: "orders.fifo", messagesPerTask: 20 } } }));
        assert.deepEqual(rec.ofType("aws:appautoscaling/policy:Policy").map((p) => p.name).sort(), ["jobs-cpu-scaling", "jobs-queue-scaling"]);
    });

    it("rejects a load-balancer deployment strategy before creating anything", async () => {
        const { error, recorder } = await constructionError(() => new WorkerService("jobs", { ...BASE, deployment: { strategy: "BLUE_GREEN" } }));
        assert.equal(error.message, 'Invalid arguments for WorkerService "jobs":\n  - `deployment.strategy` "BLUE_GREEN" shifts load-balancer traffic, which this service has none of; use "ROLLING".');
        assert.deepEqual(recorder.resources.map((r) => r.urn), []);
    });
});

describe("WorkerService validation", () => {
    const cases: [string, Partial<WorkerServiceArgs>, string][] = [
        ["a queue URL for a name", { autoscaling: { minCapacity: 1, maxCapacity: 2, queueDepth: { queueName: "https://sqs.us-east-1.amazonaws.com/123456789012/orders", messagesPerTask: 10 } } },
            '`autoscaling.queueDepth.queueName` "https://sqs.us-east-1.amazonaws.com/123456789012/orders" is not an SQS queue name; give the queue\'s name (not its URL or ARN), 1 to 80 letters, digits, "-" or "_", e.g. "orders".'],
        ["no messages per task", { autoscaling: { minCapacity: 1, maxCapacity: 2, queueDepth: { queueName: "orders", messagesPerTask: 0 } } }, "`autoscaling.queueDepth.messagesPerTask` 0 is not valid; use a whole number from 1 to 1000000."],
        ["a canary", { deployment: { strategy: "CANARY" } }, '`deployment.strategy` "CANARY" shifts load-balancer traffic, which this service has none of; use "ROLLING".'],
        ["a published Service Connect endpoint without a port", { serviceConnect: {} }, "`serviceConnect` publishes the service, but it has no `containerPort`; give the port clients reach, or set `serviceConnect.clientOnly`."],
        ["a missing cluster", { clusterArn: "" }, "`clusterArn` is required; give the clusterArn of the network/cluster to run in."],
        ["no subnets", { subnetIds: [] }, "`subnetIds` is empty; give at least one subnet ID."],
    ];
    for (const [what, change, message] of cases) {
        it(`rejects ${what}`, () => {
            assert.deepEqual(validateWorkerServiceArgs({ ...BASE, ...change } as WorkerServiceArgs, "jobs").filter(Boolean), [message]);
        });
    }

    it("accepts the defaults and a client-only Service Connect worker", () => {
        assert.deepEqual(validateWorkerServiceArgs(BASE, "jobs").filter(Boolean), []);
        assert.deepEqual(validateWorkerServiceArgs({ ...BASE, serviceConnect: { clientOnly: true } }, "jobs").filter(Boolean), []);
    });
});
