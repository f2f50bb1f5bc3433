/**
 * The arguments of a `WebService`: the cross-language contract (Python and Go users see exactly these).
 */
import * as pulumi from "@pulumi/pulumi";
import type { ScalingBounds, TaskArgs } from "./taskArgs";

/** The load balancer's health check of the container. */
export interface HealthCheck {
    /** Path requested on the container. Defaults to `/`. */
    path?: string;
    /** Seconds between checks (5 to 300). Defaults to `10`. */
    intervalSeconds?: number;
    /** Seconds a check may take before it fails (2 to 120, less than the interval). Defaults to `5`. */
    timeoutSeconds?: number;
    /** Consecutive passes before a target is healthy (2 to 10). Defaults to `2`. */
    healthyThreshold?: number;
    /** Consecutive failures before a target is unhealthy (2 to 10). Defaults to `3`. */
    unhealthyThreshold?: number;
    /** HTTP status codes of a healthy answer, e.g. `200` or `200-299`. Defaults to `200-399`. */
    matcher?: string;
}

/** Application Auto Scaling of the service's task count. */
export interface Autoscaling extends ScalingBounds {
    /** Keep load-balancer requests per task per minute near this number. Defaults to no request target. */
    requestsPerTarget?: number;
}

/**
 * Where a `WebService` attaches to a shared `LoadBalancer`: its listener and security group, and the listener
 * rule that routes to the service.
 */
export interface LoadBalancerAttachment {
    /** ARN of the listener to add the service's rule to (a `LoadBalancer`'s `listenerArn`). */
    listenerArn: pulumi.Input<string>;
    /** ID of the load balancer's security group (a `LoadBalancer`'s `securityGroupId`): the only group the tasks admit. */
    securityGroupId: pulumi.Input<string>;
    /** ARN suffix of the load balancer (a `LoadBalancer`'s `arnSuffix`), for request-count scaling. */
    arnSuffix: pulumi.Input<string>;
    /** Priority of the service's listener rule, unique on the listener (1 to 50000; lower is evaluated first). */
    priority: number;
    /** Host names the rule matches, e.g. `api.example.com` or `*.example.com`. */
    hostHeaders?: string[];
    /** URL paths the rule matches, e.g. `/api/*`. */
    pathPatterns?: string[];
}

/** Arguments of a `WebService`. */
export interface WebServiceArgs extends TaskArgs {
    /** IDs of the subnets of the service's own load balancer, in two or more zones (public subnets unless `internal`); not used with `loadBalancer`. */
    loadBalancerSubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** Attach to a shared `LoadBalancer` through a listener rule instead of creating a load balancer of its own. */
    loadBalancer?: LoadBalancerAttachment;
    /** Port the container listens on. Defaults to `80`. */
    containerPort?: number;
    /** ARN of an ACM certificate: HTTPS on 443 (TLS 1.3/1.2) and HTTP on 80 redirecting to it. Defaults to HTTP on 80 only. */
    certificateArn?: pulumi.Input<string>;
    /**
     * Domain name clients reach the service at, e.g. `app.example.com` (the certificate's name); point its alias record
     * at `loadBalancerDnsName`. `url` is then `https://<domainName>` with a certificate, else `http://<domainName>`.
     * Defaults to the load balancer's own DNS name, which a certificate for your domain does not cover.
     */
    domainName?: pulumi.Input<string>;
    /** Make the load balancer internal (reachable only from inside the VPC). Defaults to `false`. */
    internal?: boolean;
    /** CIDR blocks (IPv4 or IPv6) allowed to reach the load balancer's listeners. Defaults to `["0.0.0.0/0"]`. */
    allowedCidrs?: string[];
    /** The load balancer's health check of the container. */
    healthCheck?: HealthCheck;
    /** Seconds ECS ignores failing load-balancer health checks of a new task (0 to 7200). Defaults to `30`. */
    healthCheckGracePeriodSeconds?: number;
    /** Seconds a deregistering task keeps serving in-flight requests (0 to 3600). Defaults to `15`. */
    deregistrationDelaySeconds?: number;
    /** Protect the load balancer from deletion (also blocks `pulumi destroy`). Defaults to `false`. */
    deletionProtection?: boolean;
    /** Name of an S3 bucket for the load balancer's access logs. Defaults to no access logs. */
    accessLogsBucket?: pulumi.Input<string>;
    /** ARN of a WAFv2 web ACL to associate with the load balancer. Defaults to none. */
    webAclArn?: pulumi.Input<string>;
    /** Auto scaling of the task count. Defaults to a fixed `desiredCount`. */
    autoscaling?: Autoscaling;
}
