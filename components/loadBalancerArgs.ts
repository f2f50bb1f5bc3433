/**
 * The arguments of a `LoadBalancer`: the cross-language contract (Python and Go users see exactly these).
 */
import * as pulumi from "@pulumi/pulumi";

/** Arguments of a `LoadBalancer`. */
export interface LoadBalancerArgs {
    /** ID of the VPC of the subnets. */
    vpcId: pulumi.Input<string>;
    /** IDs of the subnets of the load balancer, in two or more zones (public subnets unless `internal`). */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** ARN of an ACM certificate: HTTPS on 443 (TLS 1.3/1.2) and HTTP on 80 redirecting to it. Defaults to HTTP on 80 only. */
    certificateArn?: pulumi.Input<string>;
    /** Make the load balancer internal (reachable only from inside the VPC). Defaults to `false`. */
    internal?: boolean;
    /** CIDR blocks (IPv4 or IPv6) allowed to reach the listeners. Defaults to `["0.0.0.0/0"]`. */
    allowedCidrs?: string[];
    /** Protect the load balancer from deletion (also blocks `pulumi destroy`). Defaults to `false`. */
    deletionProtection?: boolean;
    /** Name of an S3 bucket for the access logs. Defaults to no access logs. */
    accessLogsBucket?: pulumi.Input<string>;
    /** ARN of a WAFv2 web ACL to associate with the load balancer. Defaults to none. */
    webAclArn?: pulumi.Input<string>;
    /** Seconds an idle connection stays open (1 to 4000). Defaults to `60`. */
    idleTimeoutSeconds?: number;
    /** Tags applied to every taggable child. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}
