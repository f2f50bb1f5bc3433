import { strict as assert } from "assert";
import { WebService, WebServiceArgs, WorkerService } from "../../components";
import { validateWebServiceArgs } from "../../components/webServiceValidation";
import { childrenOf, json, record } from "../helpers";

const CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/main";
const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const AGENT = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1.0";
const BASE: WebServiceArgs = {
    clusterArn: CLUSTER, vpcId: "vpc-1",
    subnetIds: ["subnet-private-a", "subnet-private-b"], loadBalancerSubnetIds: ["subnet-public-a", "subnet-public-b"], image: IMAGE,
};
const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:agent-key-AbCdEf";

describe("container options", () => {
    it("sets the command, entry point, container health check, stop timeout and ephemeral storage", async () => {
        const rec = await record(() => new WebService("web", {
            ...BASE,
            command: ["node", "server.js"], entryPoint: ["/sbin/tini", "--"],
            containerHealthCheck: { command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], startPeriodSeconds: 20 },
            stopTimeoutSeconds: 60, ephemeralStorageGiB: 50,
        }));
        const task = rec.get("aws:ecs/taskDefinition:TaskDefinition", "web-task");
        assert.deepEqual(task.inputs.ephemeralStorage, { sizeInGib: 50 });
        const [app] = json(task, "containerDefinitions");
        assert.deepEqual([app.command, app.entryPoint, app.stopTimeout], [["node", "server.js"], ["/sbin/tini", "--"], 60]);
        assert.deepEqual(app.healthCheck, { command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], interval: 30, timeout: 5, retries: 3, startPeriod: 20 });
    });

    it("leaves them to the image and ECS when not given", async () => {
        const rec = await record(() => new WebService("web", BASE));
        const task = rec.get("aws:ecs/taskDefinition:TaskDefinition", "web-task");
        assert.equal(task.inputs.ephemeralStorage, undefined);
        const [app] = json(task, "containerDefinitions");
        for (const key of ["command", "entryPoint", "healthCheck", "stopTimeout"]) {
            assert.ok(!(key in app), key);
        }
    });
});

describe("sidecars", () => {
    const sidecars = [
        { name: "proxy", image: "public.ecr.aws/envoy/envoy:v1.31", essential: true, cpu: 64, memoryMiB: 128, ports: [9901] },
        { name: "agent", image: AGENT, environment: { MODE: "sidecar" }, secrets: { API_KEY: SECRET }, command: ["--quiet"] },
    ];

    it("adds each sidecar as its own container, sorted by name, logging under its own prefix", async () => {
        const rec = await record(() => new WebService("web", { ...BASE, sidecars }));
        const containers = json(rec.get("aws:ecs/taskDefinition:TaskDefinition", "web-task"), "containerDefinitions");
        assert.deepEqual(containers.map((c: any) => c.name), ["agent", "app", "proxy"]);
        const logGroup = rec.get("aws:cloudwatch/logGroup:LogGroup", "web-logs").outputs.name;
        const [agent, , proxy] = containers;
        assert.deepEqual(proxy, {
            name: "proxy", image: "public.ecr.aws/envoy/envoy:v1.31", essential: true, cpu: 64, memory: 128,
            portMappings: [{ containerPort: 9901, hostPort: 9901, protocol: "tcp" }],
            environment: [], secrets: [], readonlyRootFilesystem: true, privileged: false, mountPoints: [],
            linuxParameters: { initProcessEnabled: true },
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroup, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "proxy" } },
        });
        assert.deepEqual([agent.essential, agent.environment, agent.secrets, agent.command], [false, [{ name: "MODE", value: "sidecar" }], [{ name: "API_KEY", valueFrom: SECRET }], ["--quiet"]]);
    });

    it("lets the execution role pull each ECR image and read each sidecar's secret, and nothing more", async () => {
        const rec = await record(() => new WebService("web", { ...BASE, sidecars }));
        const statements = json(rec.get("aws:iam/rolePolicy:RolePolicy", "web-exec-policy"), "policy").Statement;
        const pull = statements.find((s: any) => s.Sid === "EcrPullImage");
        assert.deepEqual(pull.Resource, ["arn:aws:ecr:us-east-1:123456789012:repository/agent", "arn:aws:ecr:us-east-1:123456789012:repository/app"]);
        assert.deepEqual(statements.find((s: any) => s.Sid === "ReadSecrets").Resource, ["arn:aws:secretsmanager:us-east-1:123456789012:secret:agent-key-AbCdEf"]);
    });

    const cases: [string, Partial<WebServiceArgs>, string][] = [
        ["a sidecar named like the app", { sidecars: [{ name: "app", image: AGENT }] }, '`sidecars[0].name` "app" is the app container\'s name; give the sidecar another name.'],
        ["two sidecars of one name", { sidecars: [{ name: "a", image: AGENT }, { name: "a", image: AGENT }] }, '`sidecars[1].name` "a" is used twice; give each sidecar its own name.'],
        ["a sidecar on the app's port", { sidecars: [{ name: "a", image: AGENT, ports: [80] }] }, "`sidecars[0].ports[0]` 80 is already taken by `containerPort`; give each port once (containers of a task share one network interface)."],
        ["sidecars over the task's CPU", { sidecars: [{ name: "a", image: AGENT, cpu: 200 }, { name: "b", image: AGENT, cpu: 100 }] }, "`sidecars` reserve 300 CPU units, more than the task's `cpu` 256; give the task a larger `cpu` or the sidecars less."],
        ["sidecars taking all the memory", { sidecars: [{ name: "a", image: AGENT, memoryMiB: 512 }] }, "`sidecars` take 512 MiB, leaving no memory of the task's `memory` 512 MiB for the app; give the task a larger `memory` or the sidecars less `memoryMiB`."],
        ["a sidecar without an image", { sidecars: [{ name: "a", image: "" }] }, "`sidecars[0].image` is required; give the sidecar's container image."],
        ["ten sidecars", { sidecars: Array.from({ length: 10 }, (_, i) => ({ name: `s${i}`, image: AGENT })) }, "`sidecars` has 10 containers; give at most 9 sidecars (a task holds at most 10 containers)."],
        ["a sidecar secret that is not an ARN", { sidecars: [{ name: "a", image: AGENT, secrets: { K: "plain" } }] }, '`sidecars[0].secrets.K` "plain" is not an ARN of secretsmanager or ssm; use one such as "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf".'],
        ["a health check without CMD", { containerHealthCheck: { command: ["curl", "-f", "localhost"] } }, '`containerHealthCheck.command` ["curl","-f","localhost"] is not a health-check command; use "CMD" or "CMD-SHELL" followed by the command, e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"].'],
        ["a health-check interval of 4 s", { containerHealthCheck: { command: ["CMD", "true"], intervalSeconds: 4 } }, "`containerHealthCheck.intervalSeconds` 4 is not valid; use a whole number from 5 to 300 seconds."],
        ["a health-check timeout of 61 s", { containerHealthCheck: { command: ["CMD", "true"], timeoutSeconds: 61 } }, "`containerHealthCheck.timeoutSeconds` 61 is not valid; use a whole number from 2 to 60 seconds."],
        ["11 retries", { containerHealthCheck: { command: ["CMD", "true"], retries: 11 } }, "`containerHealthCheck.retries` 11 is not valid; use a whole number from 1 to 10."],
        ["a start period of 301 s", { containerHealthCheck: { command: ["CMD", "true"], startPeriodSeconds: 301 } }, "`containerHealthCheck.startPeriodSeconds` 301 is not valid; use a whole number from 0 to 300 seconds."],
        ["a stop timeout of 121 s", { stopTimeoutSeconds: 121 }, "`stopTimeoutSeconds` 121 is not valid; use a whole number from 2 to 120 seconds."],
        ["a stop timeout of 1 s", { stopTimeoutSeconds: 1 }, "`stopTimeoutSeconds` 1 is not valid; use a whole number from 2 to 120 seconds."],
        ["20 GiB of storage", { ephemeralStorageGiB: 20 }, "`ephemeralStorageGiB` 20 is not valid; use a whole number from 21 to 200 GiB."],
        ["201 GiB of storage", { ephemeralStorageGiB: 201 }, "`ephemeralStorageGiB` 201 is not valid; use a whole number from 21 to 200 GiB."],
        ["an empty command", { command: [] }, '`command` [] is not a list of words; give at least one string, e.g. ["node", "server.js"], or leave it out to use the image\'s.'],
        ["an EFS ID that is not one", { efsVolumes: [{ fileSystemId: "efs-1", containerPath: "/data" }] }, '`efsVolumes[0].fileSystemId` "efs-1" is not an EFS file system ID; use one such as "fs-0123456789abcdef0".'],
        ["an access point ID that is not one", { efsVolumes: [{ fileSystemId: "fs-0123456789abcdef0", accessPointId: "ap-1", containerPath: "/data" }] }, '`efsVolumes[0].accessPointId` "ap-1" is not an EFS access point ID; use one such as "fsap-0123456789abcdef0".'],
        ["an EFS path mounted twice", { writablePaths: ["/data"], efsVolumes: [{ fileSystemId: "fs-0123456789abcdef0", containerPath: "/data" }] }, '`efsVolumes[0].containerPath` "/data" is already mounted; keep one mount per folder.'],
        ["a relative EFS path", { efsVolumes: [{ fileSystemId: "fs-0123456789abcdef0", containerPath: "data" }] }, '`efsVolumes[0].containerPath` "data" is not an absolute folder path; use one such as "/data".'],
        ["a discovery name that is not a DNS label", { serviceConnect: { discoveryName: "my_api" } }, '`serviceConnect.discoveryName` "my_api" is not a DNS label; use 1 to 63 letters, digits or "-", not starting or ending with "-".'],
    ];
    for (const [what, change, message] of cases) {
        it(`rejects ${what}`, () => {
            assert.deepEqual(validateWebServiceArgs({ ...BASE, ...change } as WebServiceArgs, "web").filter(Boolean), [message]);
        });
    }
});

describe("EFS volumes", () => {
    const FS = "fs-0123456789abcdef0";
    const AP = "fsap-0123456789abcdef0";

    it("mounts each file system with transit encryption, and IAM authorization through an access point", async () => {
        const rec = await record(() => new WorkerService("jobs", {
            clusterArn: CLUSTER, vpcId: "vpc-1", subnetIds: ["subnet-a"], image: IMAGE,
            efsVolumes: [{ fileSystemId: FS, containerPath: "/data", accessPointId: AP }, { fileSystemId: "fs-00000000000000001", containerPath: "/models", readOnly: true }],
        }));
        const task = rec.get("aws:ecs/taskDefinition:TaskDefinition", "jobs-task");
        assert.deepEqual(task.inputs.volumes, [
            { name: "efs-1", efsVolumeConfiguration: { fileSystemId: FS, transitEncryption: "ENABLED", authorizationConfig: { accessPointId: AP, iam: "ENABLED" } } },
            { name: "efs-2", efsVolumeConfiguration: { fileSystemId: "fs-00000000000000001", transitEncryption: "ENABLED" } },
        ]);
        const [app] = json(task, "containerDefinitions");
        assert.deepEqual(app.mountPoints, [{ sourceVolume: "efs-1", containerPath: "/data", readOnly: false }, { sourceVolume: "efs-2", containerPath: "/models", readOnly: true }]);
    });

    it("gives the task role ClientMount on each file system, ClientWrite only where writable, through the access point", async () => {
        const rec = await record(() => new WebService("web", {
            ...BASE,
            efsVolumes: [{ fileSystemId: FS, containerPath: "/data", accessPointId: AP }, { fileSystemId: "fs-00000000000000001", containerPath: "/models", readOnly: true }],
        }));
        assert.ok(childrenOf(rec, "web").includes("aws:iam/rolePolicy:RolePolicy web-efs-policy"));
        const policy = rec.get("aws:iam/rolePolicy:RolePolicy", "web-efs-policy");
        assert.equal(policy.inputs.role, rec.get("aws:iam/role:Role", "web-task-role").id);
        assert.deepEqual(json(policy, "policy").Statement, [
            {
                Sid: "EfsMount1", Effect: "Allow", Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                Resource: `arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/${FS}`,
                Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": `arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/${AP}` } },
            },
            { Sid: "EfsMount2", Effect: "Allow", Action: ["elasticfilesystem:ClientMount"], Resource: "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-00000000000000001" },
        ]);
    });
});

describe("Service Connect", () => {
    it("names the app's port and publishes it under the discovery name, in the cluster's namespace", async () => {
        const rec = await record(() => new WebService("web", { ...BASE, containerPort: 8080, serviceConnect: { discoveryName: "api" } }));
        const [app] = json(rec.get("aws:ecs/taskDefinition:TaskDefinition", "web-task"), "containerDefinitions");
        assert.deepEqual(app.portMappings, [{ name: "app", containerPort: 8080, hostPort: 8080, protocol: "tcp" }]);
        assert.deepEqual(rec.get("aws:ecs/service:Service", "web").inputs.serviceConnectConfiguration, {
            enabled: true, services: [{ portName: "app", discoveryName: "api", clientAlias: [{ port: 8080, dnsName: "api" }] }],
        });
    });

    it("joins a named namespace as a client only, publishing nothing", async () => {
        const rec = await record(() => new WorkerService("jobs", { clusterArn: CLUSTER, vpcId: "vpc-1", subnetIds: ["subnet-a"], image: IMAGE, serviceConnect: { namespace: "internal", clientOnly: true } }));
        assert.deepEqual(rec.get("aws:ecs/service:Service", "jobs").inputs.serviceConnectConfiguration, { enabled: true, namespace: "internal" });
    });

    it("stays off unless asked", async () => {
        const rec = await record(() => new WebService("web", BASE));
        assert.equal(rec.get("aws:ecs/service:Service", "web").inputs.serviceConnectConfiguration, undefined);
    });
});
