/**
 * The `platform` stack's program: what a team runs on one cluster. One shared LoadBalancer routes two WebServices
 * by host name (`api` deploys blue/green), one WorkerService consumes an SQS queue and calls `api` through Service
 * Connect. Configured from `ecs-fargate-platform:platform` (`Pulumi.platform.yaml`); it has no logic of its own
 * beyond wiring the components together. Plan it with `npm run plan -- --cwd stacks/platform --stack platform`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FargateCluster, FargateClusterArgs, LoadBalancer, WebService, WorkerService } from "../../components";
import { parseArn } from "../../components/iamDocuments";

/** The platform stack's config (`ecs-fargate:platform`). */
export interface PlatformConfig {
    /** Image every service runs (an app that serves HTTP on `port`, and consumes the queue when run as the worker). */
    image: string;
    /** Port the apps listen on. */
    port: number;
    /** ACM certificate of the two host names. */
    certificateArn: string;
    /** Host names of the two web services. */
    apiHost: string;
    wwwHost: string;
    /** Name of the SQS queue the worker consumes. */
    queueName: string;
    /** One shared load balancer (the default); `false` gives each web service its own, for comparing the bill. */
    sharedLoadBalancer?: boolean;
    cluster: FargateClusterArgs;
}

function platform(config: PlatformConfig) {
    const cluster = new FargateCluster("main", config.cluster);
    const shared = config.sharedLoadBalancer ?? true;
    const edge = shared ? new LoadBalancer("edge", { vpcId: cluster.vpcId, subnetIds: cluster.publicSubnetIds, certificateArn: config.certificateArn }) : undefined;
    // Behind the shared load balancer a service adds one listener rule; else it brings a load balancer of its own.
    const routing = (priority: number, host: string) => edge
        ? { loadBalancer: { listenerArn: edge.listenerArn, securityGroupId: edge.securityGroupId, arnSuffix: edge.arnSuffix, priority, hostHeaders: [host] } }
        : { loadBalancerSubnetIds: cluster.publicSubnetIds, certificateArn: config.certificateArn, domainName: host };
    const common = {
        clusterArn: cluster.clusterArn, vpcId: cluster.vpcId, subnetIds: cluster.privateSubnetIds,
        image: config.image, containerPort: config.port, architecture: "ARM64" as const, user: "1000:1000",
        desiredCount: 2, healthCheck: { path: "/health" }, logRetentionDays: 365,
    };
    const api = new WebService("api", {
        ...common,
        ...routing(10, config.apiHost),
        serviceConnect: { discoveryName: "api" },
        deployment: { strategy: "BLUE_GREEN", bakeTimeMinutes: 10 },
    });
    const www = new WebService("www", {
        ...common,
        ...routing(20, config.wwwHost),
        serviceConnect: { clientOnly: true },
    });

    // The queue's ARN from its name and the cluster's account and region, so the worker's policy is known in a preview.
    const queue = new aws.sqs.Queue("jobs", { name: config.queueName, sqsManagedSseEnabled: true, messageRetentionSeconds: 1209600 });
    const queueArn = pulumi.all([cluster.clusterArn, queue.name]).apply(([arn, name]) => {
        const { partition, region, account } = parseArn(arn);
        return `arn:${partition}:sqs:${region}:${account}:${name}`;
    });
    const worker = new WorkerService("worker", {
        clusterArn: cluster.clusterArn, vpcId: cluster.vpcId, subnetIds: cluster.privateSubnetIds,
        image: config.image, architecture: "ARM64", user: "1000:1000",
        command: ["worker"], logRetentionDays: 365,
        containerHealthCheck: { command: ["CMD-SHELL", "test -f /tmp/healthy || exit 1"], startPeriodSeconds: 30 },
        // An SQS queue's ID is its URL (terraform-provider-aws sets the ID from QueueUrl).
        environment: { QUEUE_URL: queue.id, API_URL: `http://api:${config.port}` },
        serviceConnect: { clientOnly: true },
        taskRolePolicyJson: queueArn.apply((arn) => JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"], Resource: arn }],
        })),
        autoscaling: { minCapacity: 2, maxCapacity: 10, queueDepth: { queueName: queue.name, messagesPerTask: 100 } },
    });
    // Service Connect clients reach `api` on its tasks' port: its group admits the worker's and www's tasks there.
    for (const [caller, group] of [["worker", worker.securityGroupId], ["www", www.securityGroupId]] as const) {
        new aws.vpc.SecurityGroupIngressRule(`api-in-${caller}`, {
            securityGroupId: api.securityGroupId, referencedSecurityGroupId: group, ipProtocol: "tcp",
            fromPort: config.port, toPort: config.port, description: `Service Connect from ${caller}`,
        });
    }
    return {
        url: edge ? edge.url : api.url,
        apiUrl: `https://${config.apiHost}`,
        wwwUrl: `https://${config.wwwHost}`,
        loadBalancerDnsName: edge ? edge.dnsName : api.loadBalancerDnsName,
        clusterArn: cluster.clusterArn,
        queueUrl: queue.id,
        workerServiceArn: worker.serviceArn,
    };
}

const outputs = platform(new pulumi.Config().requireObject<PlatformConfig>("platform"));
export const url = outputs.url;
export const apiUrl = outputs.apiUrl;
export const wwwUrl = outputs.wwwUrl;
export const loadBalancerDnsName = outputs.loadBalancerDnsName;
export const clusterArn = outputs.clusterArn;
export const queueUrl = outputs.queueUrl;
export const workerServiceArn = outputs.workerServiceArn;
