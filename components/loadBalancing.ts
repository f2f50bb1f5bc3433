/**
 * The load balancing of a `WebService`: its two security groups and their rules, the application load balancer,
 * the target group and the listeners. Created as children of the service component, named after it.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_SSL_POLICY } from "./defaults";
import { ec2Description, loadBalancerName, MAX_LOAD_BALANCER_NAME, physicalName } from "./names";
import { isIpv6Cidr } from "./validate";

/** Port of the HTTP listener. */
export const HTTP_PORT = 80;
/** Port of the HTTPS listener. */
export const HTTPS_PORT = 443;
/** Protocol the load balancer speaks to the tasks. */
export const TARGET_PROTOCOL = "HTTP";
/** Fargate tasks in awsvpc mode register by IP address. */
export const TARGET_TYPE = "ip";

/**
 * The target group's physical name. Port, protocol, target type and VPC each force a new target group
 * (createOnlyProperties of AWS::ElasticLoadBalancingV2::TargetGroup; ForceNew in terraform-provider-aws
 * internal/service/elbv2/target_group.go), and the new group is created before the old one is deleted, so each is
 * part of the name's hash: a replacement never collides with the group it replaces.
 */
export function targetGroupName(name: string, containerPort: number, vpcId: string): string {
    return physicalName(name, MAX_LOAD_BALANCER_NAME, [TARGET_PROTOCOL, String(containerPort), TARGET_TYPE, vpcId]);
}

/** Everything the load balancing is built from, defaults applied. */
export interface LoadBalancingSpec {
    vpcId: pulumi.Input<string>;
    loadBalancerSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    containerPort: number;
    certificateArn?: pulumi.Input<string>;
    internal: boolean;
    allowedCidrs: readonly string[];
    healthCheck: { path: string; interval: number; timeout: number; healthyThreshold: number; unhealthyThreshold: number; matcher: string };
    deregistrationDelaySeconds: number;
    deletionProtection: boolean;
    accessLogsBucket?: pulumi.Input<string>;
    webAclArn?: pulumi.Input<string>;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** What the service needs from its load balancing. */
export interface LoadBalancing {
    loadBalancer: aws.lb.LoadBalancer;
    targetGroup: aws.lb.TargetGroup;
    listeners: aws.lb.Listener[];
    loadBalancerSecurityGroup: aws.ec2.SecurityGroup;
    taskSecurityGroup: aws.ec2.SecurityGroup;
}

/** The listener ports a spec opens: 80, and 443 when there is a certificate. */
export function listenerPorts(hasCertificate: boolean): number[] {
    return hasCertificate ? [HTTP_PORT, HTTPS_PORT] : [HTTP_PORT];
}

/** Creates the load balancing of the service `name` as children of `parent`. */
export function createLoadBalancing(name: string, spec: LoadBalancingSpec, parent: pulumi.Resource): LoadBalancing {
    const opts = { parent };
    const hasCertificate = spec.certificateArn !== undefined;

    const lbGroup = new aws.ec2.SecurityGroup(`${name}-lb-sg`, {
        vpcId: spec.vpcId, description: ec2Description("Load balancer of ", name, ": listeners in, container port out"), tags: spec.tags,
    }, opts);
    const taskGroup = new aws.ec2.SecurityGroup(`${name}-task-sg`, {
        vpcId: spec.vpcId, description: ec2Description("Tasks of ", name, ": only the load balancer in"), tags: spec.tags,
    }, opts);

    for (const port of listenerPorts(hasCertificate)) {
        spec.allowedCidrs.forEach((cidr, i) => {
            new aws.vpc.SecurityGroupIngressRule(`${name}-lb-in-${port}-${i + 1}`, {
                securityGroupId: lbGroup.id, ipProtocol: "tcp", fromPort: port, toPort: port,
                ...(isIpv6Cidr(cidr) ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
                description: `Port ${port} from ${cidr}`, tags: spec.tags,
            }, opts);
        });
    }
    new aws.vpc.SecurityGroupEgressRule(`${name}-lb-out-tasks`, {
        securityGroupId: lbGroup.id, ipProtocol: "tcp", fromPort: spec.containerPort, toPort: spec.containerPort,
        referencedSecurityGroupId: taskGroup.id, description: "Container port to the tasks", tags: spec.tags,
    }, opts);
    new aws.vpc.SecurityGroupIngressRule(`${name}-task-in-lb`, {
        securityGroupId: taskGroup.id, ipProtocol: "tcp", fromPort: spec.containerPort, toPort: spec.containerPort,
        referencedSecurityGroupId: lbGroup.id, description: "Container port from the load balancer", tags: spec.tags,
    }, opts);
    new aws.vpc.SecurityGroupEgressRule(`${name}-task-out-all`, {
        securityGroupId: taskGroup.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0",
        description: "Outbound to pull images, write logs and call dependencies", tags: spec.tags,
    }, opts);

    const loadBalancer = new aws.lb.LoadBalancer(`${name}-alb`, {
        // Name, scheme and type force a new load balancer (createOnlyProperties of
        // AWS::ElasticLoadBalancingV2::LoadBalancer); the type never changes here, the scheme is in the hash.
        name: loadBalancerName(name, [String(spec.internal)]),
        loadBalancerType: "application",
        internal: spec.internal,
        securityGroups: [lbGroup.id],
        subnets: spec.loadBalancerSubnetIds,
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "defensive",
        enableDeletionProtection: spec.deletionProtection,
        accessLogs: spec.accessLogsBucket !== undefined ? { bucket: spec.accessLogsBucket, enabled: true, prefix: name } : undefined,
        tags: spec.tags,
    }, opts);

    const targetGroup = new aws.lb.TargetGroup(`${name}-tg`, {
        name: pulumi.output(spec.vpcId).apply((vpcId) => targetGroupName(name, spec.containerPort, vpcId)),
        port: spec.containerPort,
        protocol: TARGET_PROTOCOL,
        targetType: TARGET_TYPE,
        vpcId: spec.vpcId,
        deregistrationDelay: spec.deregistrationDelaySeconds,
        healthCheck: {
            enabled: true,
            path: spec.healthCheck.path,
            protocol: "HTTP",
            port: "traffic-port",
            interval: spec.healthCheck.interval,
            timeout: spec.healthCheck.timeout,
            healthyThreshold: spec.healthCheck.healthyThreshold,
            unhealthyThreshold: spec.healthCheck.unhealthyThreshold,
            matcher: spec.healthCheck.matcher,
        },
        tags: spec.tags,
    }, opts);

    const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];
    const listeners: aws.lb.Listener[] = [];
    if (hasCertificate) {
        listeners.push(new aws.lb.Listener(`${name}-https`, {
            loadBalancerArn: loadBalancer.arn, port: HTTPS_PORT, protocol: "HTTPS",
            sslPolicy: DEFAULT_SSL_POLICY, certificateArn: spec.certificateArn, defaultActions: forward, tags: spec.tags,
        }, opts));
        listeners.push(new aws.lb.Listener(`${name}-http`, {
            loadBalancerArn: loadBalancer.arn, port: HTTP_PORT, protocol: "HTTP",
            defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: String(HTTPS_PORT), statusCode: "HTTP_301" } }],
            tags: spec.tags,
        }, opts));
    } else {
        listeners.push(new aws.lb.Listener(`${name}-http`, {
            loadBalancerArn: loadBalancer.arn, port: HTTP_PORT, protocol: "HTTP", defaultActions: forward, tags: spec.tags,
        }, opts));
    }

    if (spec.webAclArn !== undefined) {
        new aws.wafv2.WebAclAssociation(`${name}-waf`, { resourceArn: loadBalancer.arn, webAclArn: spec.webAclArn }, opts);
    }

    return { loadBalancer, targetGroup, listeners, loadBalancerSecurityGroup: lbGroup, taskSecurityGroup: taskGroup };
}
