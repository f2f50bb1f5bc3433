import * as pulumi from "@pulumi/pulumi";
import { LOAD_BALANCER_KEYS, unknownArguments } from "./argKeys";
import * as d from "./defaults";
import { LoadBalancerArgs } from "./loadBalancerArgs";
import { createAlb } from "./loadBalancing";
import { ec2Description } from "./names";
import { checkArn, checkCidr, checkInteger, checkNonEmpty, known, throwIfInvalid } from "./validate";

/**
 * An application load balancer that several `WebService`s share, each through its own listener rule: the load
 * balancer, its security group (open only on the listener ports), and the listeners: HTTPS answering 404 to what
 * no rule takes and HTTP redirecting to it with a certificate, else HTTP answering 404.
 */
export class LoadBalancer extends pulumi.ComponentResource {
    /** ARN of the load balancer. */
    public readonly loadBalancerArn: pulumi.Output<string>;
    /** ARN suffix of the load balancer (`app/<name>/<id>`), for CloudWatch metrics and request-count scaling. */
    public readonly arnSuffix: pulumi.Output<string>;
    /** DNS name of the load balancer (point your domains' alias records here). */
    public readonly dnsName: pulumi.Output<string>;
    /** URL of the load balancer: `https://` with a certificate, else `http://`, on its DNS name. */
    public readonly url: pulumi.Output<string>;
    /** ARN of the listener services attach their rules to: HTTPS with a certificate, else HTTP. */
    public readonly listenerArn: pulumi.Output<string>;
    /** ID of the load balancer's security group; each attached service admits only this group. */
    public readonly securityGroupId: pulumi.Output<string>;

    constructor(name: string, args: LoadBalancerArgs, opts: pulumi.ComponentResourceOptions = {}) {
        throwIfInvalid("LoadBalancer", name, validateLoadBalancerArgs(args));
        super("ecs-fargate:index:LoadBalancer", name, {}, opts);

        const alb = createAlb(
            { loadBalancer: name, securityGroup: `${name}-sg`, base: name, ingress: `${name}-in`, description: ec2Description("Shared load balancer ", name, ": listeners in, service ports out") },
            name,
            {
                vpcId: args.vpcId,
                subnetIds: args.subnetIds,
                certificateArn: args.certificateArn,
                internal: args.internal ?? d.DEFAULT_INTERNAL,
                allowedCidrs: args.allowedCidrs ?? d.DEFAULT_ALLOWED_CIDRS,
                deletionProtection: args.deletionProtection ?? d.DEFAULT_DELETION_PROTECTION,
                accessLogsBucket: args.accessLogsBucket,
                webAclArn: args.webAclArn,
                idleTimeoutSeconds: args.idleTimeoutSeconds ?? d.DEFAULT_IDLE_TIMEOUT_SECONDS,
                tags: args.tags,
            },
            "not-found",
            this,
        );

        const scheme = args.certificateArn !== undefined ? "https" : "http";
        this.loadBalancerArn = alb.loadBalancer.arn;
        this.arnSuffix = alb.loadBalancer.arnSuffix;
        this.dnsName = alb.loadBalancer.dnsName;
        this.url = pulumi.interpolate`${scheme}://${alb.loadBalancer.dnsName}`;
        this.listenerArn = alb.servingListener.arn;
        this.securityGroupId = alb.securityGroup.id;
        this.registerOutputs({
            loadBalancerArn: this.loadBalancerArn,
            arnSuffix: this.arnSuffix,
            dnsName: this.dnsName,
            url: this.url,
            listenerArn: this.listenerArn,
            securityGroupId: this.securityGroupId,
        });
    }
}

/** Every problem with `args`, before anything is created (ELB API: two or more subnets; idle timeout 1–4000 s). */
export function validateLoadBalancerArgs(args: LoadBalancerArgs): (string | undefined)[] {
    const problems: (string | undefined)[] = [
        ...unknownArguments("LoadBalancer", LOAD_BALANCER_KEYS, args),
        ...(["vpcId", "subnetIds"] as const)
            .filter((key) => args[key] === undefined || args[key] === null || args[key] === "")
            .map((key) => `\`${key}\` is required; give the ${key} of the network the load balancer runs in.`),
    ];
    const subnets = known(args.subnetIds);
    if (Array.isArray(subnets) && subnets.length < 2) {
        problems.push(`\`subnetIds\` has ${subnets.length} subnet${subnets.length === 1 ? "" : "s"}; an application load balancer needs subnets in at least two availability zones.`);
    }
    problems.push(
        checkArn("certificateArn", known(args.certificateArn), ["acm"], "arn:aws:acm:us-east-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab"),
        checkArn("webAclArn", known(args.webAclArn), ["wafv2"], "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/app/1234abcd-12ab-34cd-56ef-1234567890ab"),
        checkNonEmpty("allowedCidrs", args.allowedCidrs, "CIDR block, e.g. \"0.0.0.0/0\""),
        ...(args.allowedCidrs ?? []).map((cidr, i) => checkCidr(`allowedCidrs[${i}]`, cidr)),
        checkInteger("idleTimeoutSeconds", args.idleTimeoutSeconds, 1, 4000, " seconds"),
    );
    return problems;
}
