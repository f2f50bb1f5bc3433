/**
 * The network a `FargateCluster` creates when it is given no VPC: public and private subnets in each zone,
 * an internet gateway, the chosen NAT gateways and, optionally, the VPC endpoints private tasks need to pull
 * images and write logs without NAT. Plain `@pulumi/aws` resources, so previews, policies and tests see each one.
 */
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { ec2Description, securityGroupNaming } from "./names";

/** How private subnets reach the internet. */
export const NatGateways = {
    /** No NAT gateway: private subnets reach only the VPC (and VPC endpoints). Cheapest. */
    None: "None",
    /** One NAT gateway shared by every zone: about $33 a month, but one zone's outage cuts the others' egress. */
    Single: "Single",
    /** One NAT gateway per zone: zone-independent egress, at about $33 a month each. */
    OnePerAz: "OnePerAz",
} as const;
export type NatGateways = (typeof NatGateways)[keyof typeof NatGateways];

/**
 * Interface endpoints private tasks need without NAT, by what they serve
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html): ECR's API and image registry to
 * pull (layers come from S3, through the gateway endpoint), CloudWatch Logs for awslogs, Secrets Manager and SSM to
 * read `secrets` at start, SSM messages for ECS Exec's channels, and KMS for ECS Exec's session key, which the
 * task itself calls.
 */
export const INTERFACE_ENDPOINT_SERVICES = {
    pull: ["ecr.api", "ecr.dkr"],
    logs: ["logs"],
    secrets: ["secretsmanager", "ssm"],
    executeCommand: ["ssmmessages"],
    executeCommandKms: ["kms"],
} as const;

/** Which endpoint sets a created network gets. */
export interface EndpointChoice {
    /** ECR, Logs (and the S3 gateway endpoint). */
    base: boolean;
    /** Secrets Manager and SSM. */
    secrets: boolean;
    /** SSM messages, and KMS with `executeCommandKms`. */
    executeCommand: boolean;
    /** The cluster encrypts ECS Exec sessions with a KMS key. */
    executeCommandKms: boolean;
}

/** The interface endpoint services of a choice, in a stable order. */
export function interfaceEndpointServices(choice: EndpointChoice): string[] {
    const s = INTERFACE_ENDPOINT_SERVICES;
    return [
        ...(choice.base ? [...s.pull, ...s.logs] : []),
        ...(choice.secrets ? s.secrets : []),
        ...(choice.executeCommand ? s.executeCommand : []),
        ...(choice.executeCommand && choice.executeCommandKms ? s.executeCommandKms : []),
    ];
}
/** The opt-in status of a region's regular zones; Local and Wavelength Zones are `opted-in` or `not-opted-in`. */
export const REGULAR_ZONES_OPT_IN_STATUS = "opt-in-not-required";
/** Bits added to the VPC prefix for each subnet: a /16 gives /20 subnets (4,091 addresses each). */
const SUBNET_NEW_BITS = 4;
/** Index of the first private subnet within the VPC range, leaving room for six public ones. */
const PRIVATE_SUBNET_OFFSET = 8;

/** Subnet `index` of size `prefix + newBits` within an IPv4 CIDR block. */
export function subnetCidr(vpcCidr: string, newBits: number, index: number): string {
    const [address, prefixText] = vpcCidr.split("/");
    const prefix = Number(prefixText);
    const base = address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
    const size = 2 ** (32 - prefix - newBits);
    const start = base + index * size;
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256);
    return `${octets.join(".")}/${prefix + newBits}`;
}

/** The public and private subnet ranges of a created network, one of each per zone. */
export function planSubnets(vpcCidr: string, zones: number): { publicCidrs: string[]; privateCidrs: string[] } {
    const indexes = Array.from({ length: zones }, (_, i) => i);
    return {
        publicCidrs: indexes.map((i) => subnetCidr(vpcCidr, SUBNET_NEW_BITS, i)),
        privateCidrs: indexes.map((i) => subnetCidr(vpcCidr, SUBNET_NEW_BITS, PRIVATE_SUBNET_OFFSET + i)),
    };
}

/** How many NAT gateways a choice creates. */
export function natGatewayCount(choice: NatGateways, zones: number): number {
    return choice === NatGateways.None ? 0 : choice === NatGateways.Single ? 1 : zones;
}

/** What `createNetwork` needs. */
export interface NetworkSpec {
    zones: number;
    cidrBlock: string;
    natGateways: NatGateways;
    vpcEndpoints: EndpointChoice;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/**
 * The created network's IDs. Each subnet ID resolves only once the subnet can carry traffic (see `readyId`), so
 * whatever is built from it waits for its routes in the engine's graph.
 */
export interface CreatedNetwork {
    vpcId: pulumi.Output<string>;
    publicSubnetIds: pulumi.Output<string>[];
    privateSubnetIds: pulumi.Output<string>[];
}

/**
 * A subnet's ID that carries `readyWith` as dependencies: it resolves once they exist too, and a resource built from
 * it records them as property dependencies, so the engine creates it only after them. A subnet exists before its
 * route table association and default route do; an ECS task started in it meanwhile has no way to ECR and fails
 * with CannotPullContainerError (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html),
 * which can trip the deployment circuit breaker. It waits on their URNs, not their IDs: the engine answers a
 * registration only once the resource exists, and a URN is known in a preview too, so an existing subnet's ID stays
 * known there. Creates no resource.
 */
function readyId(subnet: aws.ec2.Subnet, readyWith: pulumi.Resource[]): pulumi.Output<string> {
    return pulumi.all([subnet.id, ...readyWith.map((r) => r.urn)]).apply(([id]) => id);
}

function withName(tags: NetworkSpec["tags"], name: string): pulumi.Output<{ [key: string]: string }> {
    return pulumi.output(tags ?? {}).apply((t): { [key: string]: string } => ({ ...t, Name: name }));
}

/** Creates the network as children of `parent`, each named after `name`. */
export function createNetwork(name: string, spec: NetworkSpec, parent: pulumi.Resource): CreatedNetwork {
    const opts = { parent };
    // Only the region's regular zones: an account's opted-in Local and Wavelength Zones are listed too, and they sort
    // first (us-east-1-bos-1a < us-east-1a), but each offers only a subset of services, far from the region
    // (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html, filter opt-in-status).
    const zones = aws.getAvailabilityZonesOutput({
        state: "available",
        filters: [{ name: "opt-in-status", values: [REGULAR_ZONES_OPT_IN_STATUS] }],
    }, opts);
    const { publicCidrs, privateCidrs } = planSubnets(spec.cidrBlock, spec.zones);

    const vpc = new aws.ec2.Vpc(`${name}-vpc`, {
        cidrBlock: spec.cidrBlock,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        tags: withName(spec.tags, `${name}-vpc`),
    }, opts);
    const gateway = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: withName(spec.tags, `${name}-igw`) }, opts);
    const publicRoutes = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId: vpc.id, tags: withName(spec.tags, `${name}-public`) }, opts);
    const publicDefaultRoute = new aws.ec2.Route(`${name}-public-default-route`, {
        routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: gateway.id,
    }, opts);

    const publicReady: pulumi.Resource[][] = [];
    const publicSubnets = publicCidrs.map((cidr, i) => {
        const subnet = new aws.ec2.Subnet(`${name}-public-${i + 1}`, {
            vpcId: vpc.id, cidrBlock: cidr, availabilityZone: zones.names[i], mapPublicIpOnLaunch: false,
            tags: withName(spec.tags, `${name}-public-${i + 1}`),
        }, opts);
        const association = new aws.ec2.RouteTableAssociation(`${name}-public-${i + 1}-rta`, { subnetId: subnet.id, routeTableId: publicRoutes.id }, opts);
        publicReady.push([association, publicDefaultRoute]);
        return subnet;
    });

    const nats = Array.from({ length: natGatewayCount(spec.natGateways, spec.zones) }, (_, i) => {
        const eip = new aws.ec2.Eip(`${name}-nat-${i + 1}-eip`, { domain: "vpc", tags: withName(spec.tags, `${name}-nat-${i + 1}`) }, opts);
        return new aws.ec2.NatGateway(`${name}-nat-${i + 1}`, {
            allocationId: eip.id, subnetId: publicSubnets[i].id, tags: withName(spec.tags, `${name}-nat-${i + 1}`),
        }, { parent, dependsOn: [gateway] });
    });

    const privateRouteTables: aws.ec2.RouteTable[] = [];
    const privateReady: pulumi.Resource[][] = [];
    const privateSubnets = privateCidrs.map((cidr, i) => {
        const subnet = new aws.ec2.Subnet(`${name}-private-${i + 1}`, {
            vpcId: vpc.id, cidrBlock: cidr, availabilityZone: zones.names[i], mapPublicIpOnLaunch: false,
            tags: withName(spec.tags, `${name}-private-${i + 1}`),
        }, opts);
        const routes = new aws.ec2.RouteTable(`${name}-private-${i + 1}-rt`, { vpcId: vpc.id, tags: withName(spec.tags, `${name}-private-${i + 1}`) }, opts);
        const ready: pulumi.Resource[] = [];
        if (nats.length > 0) {
            ready.push(new aws.ec2.Route(`${name}-private-${i + 1}-default-route`, {
                routeTableId: routes.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nats[i % nats.length].id,
            }, opts));
        }
        ready.push(new aws.ec2.RouteTableAssociation(`${name}-private-${i + 1}-rta`, { subnetId: subnet.id, routeTableId: routes.id }, opts));
        privateRouteTables.push(routes);
        privateReady.push(ready);
        return subnet;
    });

    // The endpoints serve every private subnet: interface ones through their network interfaces and private DNS,
    // the S3 gateway one (image layers) through the private route tables.
    const endpoints: pulumi.Resource[] = [];
    if (spec.vpcEndpoints.base) {
        // The availability-zones data source's ID is the region it was read in.
        const region = zones.id;
        const endpointGroup = new aws.ec2.SecurityGroup(`${name}-endpoints-sg`, {
            ...securityGroupNaming(`${name}-endpoints-sg`), vpcId: vpc.id, description: ec2Description("HTTPS from inside the VPC of ", name, " to its VPC endpoints"), tags: spec.tags,
        }, opts);
        new aws.vpc.SecurityGroupIngressRule(`${name}-endpoints-https-in`, {
            securityGroupId: endpointGroup.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: spec.cidrBlock,
            description: "HTTPS from the VPC", tags: spec.tags,
        }, opts);
        for (const service of interfaceEndpointServices(spec.vpcEndpoints)) {
            endpoints.push(new aws.ec2.VpcEndpoint(`${name}-${service.replace(".", "-")}-endpoint`, {
                vpcId: vpc.id, serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`, vpcEndpointType: "Interface",
                privateDnsEnabled: true, subnetIds: privateSubnets.map((s) => s.id), securityGroupIds: [endpointGroup.id], tags: spec.tags,
            }, opts));
        }
        endpoints.push(new aws.ec2.VpcEndpoint(`${name}-s3-endpoint`, {
            vpcId: vpc.id, serviceName: pulumi.interpolate`com.amazonaws.${region}.s3`, vpcEndpointType: "Gateway",
            routeTableIds: privateRouteTables.map((t) => t.id), tags: spec.tags,
        }, opts));
    }

    return {
        vpcId: vpc.id,
        publicSubnetIds: publicSubnets.map((s, i) => readyId(s, publicReady[i])),
        privateSubnetIds: privateSubnets.map((s, i) => readyId(s, [...privateReady[i], ...endpoints])),
    };
}
