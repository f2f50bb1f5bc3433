/**
 * Load balancing of the services: an application load balancer with its security group and listeners (a
 * service's own, or a shared `LoadBalancer`'s), target groups, listener rules, the security-group rules between
 * a load balancer and the tasks, and the ECS infrastructure role of traffic-shifting deployments.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_SSL_POLICY } from "./defaults";
import { ecsInfrastructurePolicy, ecsInfrastructureTrustPolicy } from "./iamDocuments";
import { iamDescription, loadBalancerName, MAX_LOAD_BALANCER_NAME, MAX_ROLE_NAME, physicalName, rolePolicyNaming, securityGroupNaming } from "./names";
import type { ServiceAttachment } from "./service";
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
export function targetGroupName(name: string, containerPort: number, vpcId: string, seed: readonly string[] = []): string {
    return physicalName(name, MAX_LOAD_BALANCER_NAME, [TARGET_PROTOCOL, String(containerPort), TARGET_TYPE, vpcId, ...seed]);
}

type Tags = pulumi.Input<{ [key: string]: pulumi.Input<string> }> | undefined;

/** Everything an application load balancer is built from, defaults applied. */
export interface AlbSpec {
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    certificateArn?: pulumi.Input<string>;
    internal: boolean;
    allowedCidrs: readonly string[];
    deletionProtection: boolean;
    accessLogsBucket?: pulumi.Input<string>;
    webAclArn?: pulumi.Input<string>;
    idleTimeoutSeconds?: number;
    tags: Tags;
}

/** The children names of a load balancer: a service's own (`web-alb`, `web-lb-sg`, …) or a shared one's. */
export interface AlbNames {
    loadBalancer: string;
    securityGroup: string;
    /** Base of the listener children and their rules: `<base>-http`, `<base>-https`, `<base>-waf`. */
    base: string;
    /** Base of the ingress rules: `<ingress>-<port>-<n>`. */
    ingress: string;
    /** The security group's description. */
    description: string;
}

/** An application load balancer, its security group and its listeners. */
export interface Alb {
    loadBalancer: aws.lb.LoadBalancer;
    securityGroup: aws.ec2.SecurityGroup;
    listeners: aws.lb.Listener[];
    /** The listener that serves requests: HTTPS with a certificate, else HTTP. */
    servingListener: aws.lb.Listener;
}

/** A listener's default answer: forward to a target group, or 404 when only rules route. */
export type DefaultAction = { targetGroupArn: pulumi.Input<string> } | "not-found";

/** The listener ports a spec opens: 80, and 443 when there is a certificate. */
export function listenerPorts(hasCertificate: boolean): number[] {
    return hasCertificate ? [HTTP_PORT, HTTPS_PORT] : [HTTP_PORT];
}

/** Creates an application load balancer with its security group (listener ports in) and listeners. */
export function createAlb(names: AlbNames, physicalBase: string, spec: AlbSpec, defaultAction: DefaultAction, parent: pulumi.Resource): Alb {
    const opts = { parent };
    const hasCertificate = spec.certificateArn !== undefined;
    const securityGroup = new aws.ec2.SecurityGroup(names.securityGroup, { ...securityGroupNaming(names.securityGroup), vpcId: spec.vpcId, description: names.description, tags: spec.tags }, opts);
    for (const port of listenerPorts(hasCertificate)) {
        spec.allowedCidrs.forEach((cidr, i) => {
            new aws.vpc.SecurityGroupIngressRule(`${names.ingress}-${port}-${i + 1}`, {
                securityGroupId: securityGroup.id, ipProtocol: "tcp", fromPort: port, toPort: port,
                ...(isIpv6Cidr(cidr) ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
                description: `Port ${port} from ${cidr}`, tags: spec.tags,
            }, opts);
        });
    }
    const loadBalancer = new aws.lb.LoadBalancer(names.loadBalancer, {
        // Name, scheme and type force a new load balancer (createOnlyProperties of
        // AWS::ElasticLoadBalancingV2::LoadBalancer); the type never changes here, the scheme is in the hash.
        name: loadBalancerName(physicalBase, [String(spec.internal)]),
        loadBalancerType: "application",
        internal: spec.internal,
        securityGroups: [securityGroup.id],
        subnets: spec.subnetIds,
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "defensive",
        enableDeletionProtection: spec.deletionProtection,
        idleTimeout: spec.idleTimeoutSeconds,
        accessLogs: spec.accessLogsBucket !== undefined ? { bucket: spec.accessLogsBucket, enabled: true, prefix: physicalBase } : undefined,
        tags: spec.tags,
    }, opts);

    const serve = defaultAction === "not-found"
        ? [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Not Found", statusCode: "404" } }]
        : [{ type: "forward", targetGroupArn: defaultAction.targetGroupArn }];
    const listeners: aws.lb.Listener[] = [];
    if (hasCertificate) {
        listeners.push(new aws.lb.Listener(`${names.base}-https`, {
            loadBalancerArn: loadBalancer.arn, port: HTTPS_PORT, protocol: "HTTPS",
            sslPolicy: DEFAULT_SSL_POLICY, certificateArn: spec.certificateArn, defaultActions: serve, tags: spec.tags,
        }, opts));
        listeners.push(new aws.lb.Listener(`${names.base}-http`, {
            loadBalancerArn: loadBalancer.arn, port: HTTP_PORT, protocol: "HTTP",
            defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: String(HTTPS_PORT), statusCode: "HTTP_301" } }],
            tags: spec.tags,
        }, opts));
    } else {
        listeners.push(new aws.lb.Listener(`${names.base}-http`, {
            loadBalancerArn: loadBalancer.arn, port: HTTP_PORT, protocol: "HTTP", defaultActions: serve, tags: spec.tags,
        }, opts));
    }
    if (spec.webAclArn !== undefined) {
        new aws.wafv2.WebAclAssociation(`${names.base}-waf`, { resourceArn: loadBalancer.arn, webAclArn: spec.webAclArn }, opts);
    }
    return { loadBalancer, securityGroup, listeners, servingListener: listeners[0] };
}

/** The target group's settings, defaults applied. */
export interface TargetGroupSpec {
    vpcId: pulumi.Input<string>;
    containerPort: number;
    healthCheck: { path: string; interval: number; timeout: number; healthyThreshold: number; unhealthyThreshold: number; matcher: string };
    deregistrationDelaySeconds: number;
    tags: Tags;
}

/** Creates the ip target group `childName` of the service `name`; `seed` keeps a second group's physical name apart. */
export function createTargetGroup(childName: string, name: string, spec: TargetGroupSpec, seed: string[], parent: pulumi.Resource): aws.lb.TargetGroup {
    return new aws.lb.TargetGroup(childName, {
        name: pulumi.output(spec.vpcId).apply((vpcId) => targetGroupName(name, spec.containerPort, vpcId, seed)),
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
    }, { parent });
}

/** The two rules between a load balancer's group and the tasks' group: the container port, and nothing else. */
export function admitLoadBalancer(name: string, loadBalancerGroupId: pulumi.Input<string>, taskGroupId: pulumi.Input<string>, port: number, tags: Tags, parent: pulumi.Resource): void {
    const opts = { parent };
    new aws.vpc.SecurityGroupEgressRule(`${name}-lb-out-tasks`, {
        securityGroupId: loadBalancerGroupId, ipProtocol: "tcp", fromPort: port, toPort: port,
        referencedSecurityGroupId: taskGroupId, description: "Container port to the tasks", tags,
    }, opts);
    new aws.vpc.SecurityGroupIngressRule(`${name}-task-in-lb`, {
        securityGroupId: taskGroupId, ipProtocol: "tcp", fromPort: port, toPort: port,
        referencedSecurityGroupId: loadBalancerGroupId, description: "Container port from the load balancer", tags,
    }, opts);
}

/** Where a service's listener rule goes, and what it matches. */
export interface RuleSpec {
    listenerArn: pulumi.Input<string>;
    priority: number;
    hostHeaders?: string[];
    pathPatterns?: string[];
    tags: Tags;
}

/** A traffic-shifting deployment's extra pieces. */
export interface TrafficShifting {
    clusterArn: pulumi.Input<string>;
}

/**
 * The target group, listener rule (and, for a traffic-shifting deployment, the second target group and the ECS
 * infrastructure role) through which a service's tasks receive traffic from `rule.listenerArn`.
 */
export function createRoutedAttachment(name: string, tgSpec: TargetGroupSpec, rule: RuleSpec, loadBalancerArnSuffix: pulumi.Input<string>, shifting: TrafficShifting | undefined, parent: pulumi.Resource): { attachment: ServiceAttachment; targetGroup: aws.lb.TargetGroup } {
    const targetGroup = createTargetGroup(`${name}-tg`, name, tgSpec, [], parent);
    const alternate = shifting ? createTargetGroup(`${name}-tg-alt`, name, tgSpec, ["alternate"], parent) : undefined;
    const conditions = [
        ...(rule.hostHeaders && rule.hostHeaders.length > 0 ? [{ hostHeader: { values: rule.hostHeaders } }] : []),
        ...(rule.pathPatterns && rule.pathPatterns.length > 0 ? [{ pathPattern: { values: rule.pathPatterns } }] : []),
    ];
    const listenerRule = new aws.lb.ListenerRule(`${name}-rule`, {
        listenerArn: rule.listenerArn,
        priority: rule.priority,
        conditions,
        actions: alternate
            ? [{ type: "forward", forward: { targetGroups: [{ arn: targetGroup.arn, weight: 100 }, { arn: alternate.arn, weight: 0 }] } }]
            : [{ type: "forward", targetGroupArn: targetGroup.arn }],
        tags: rule.tags,
    }, {
        parent,
        // ECS moves the weights between the two groups during a deploy; the program must not move them back.
        ignoreChanges: alternate ? ["actions"] : [],
    });
    let advancedConfiguration: ServiceAttachment["advancedConfiguration"];
    if (alternate && shifting) {
        const ruleArn = listenerRule.arn;
        const role = new aws.iam.Role(`${name}-ecs-infra-role`, {
            name: physicalName(`${name}-ecs-infra`, MAX_ROLE_NAME),
            description: iamDescription(`Lets ECS shift the traffic of ${name} between its two target groups`),
            assumeRolePolicy: pulumi.output(shifting.clusterArn).apply(ecsInfrastructureTrustPolicy),
            tags: rule.tags,
        }, { parent });
        new aws.iam.RolePolicy(`${name}-ecs-infra-policy`, {
            ...rolePolicyNaming(`${name}-ecs-infra-policy`),
            role: role.id,
            policy: pulumi.all([targetGroup.arn, alternate.arn, ruleArn]).apply(([blue, green, rule]) =>
                ecsInfrastructurePolicy({ targetGroupArns: [blue, green], listenerRuleArns: [rule] })),
        }, { parent });
        advancedConfiguration = { alternateTargetGroupArn: alternate.arn, productionListenerRule: ruleArn, roleArn: role.arn };
    }
    return {
        targetGroup,
        attachment: {
            targetGroupArn: targetGroup.arn,
            containerPort: tgSpec.containerPort,
            dependsOn: [listenerRule],
            requestCountLabel: pulumi.interpolate`${loadBalancerArnSuffix}/${targetGroup.arnSuffix}`,
            advancedConfiguration,
        },
    };
}
