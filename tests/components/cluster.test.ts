import { strict as assert } from "assert";
import { FargateCluster, FargateClusterArgs } from "../../components";
import { planSubnets, subnetCidr } from "../../components/network";
import { validateFargateClusterArgs } from "../../components/clusterBuilders";
import { simulatedZones } from "../../harness/simulator";
import { childrenOf, constructionError, record } from "../helpers";

const NETWORK_TWO_ZONES_SINGLE_NAT = [
    "aws:ec2/eip:Eip main-nat-1-eip",
    "aws:ec2/internetGateway:InternetGateway main-igw",
    "aws:ec2/natGateway:NatGateway main-nat-1",
    "aws:ec2/route:Route main-private-1-default-route",
    "aws:ec2/route:Route main-private-2-default-route",
    "aws:ec2/route:Route main-public-default-route",
    "aws:ec2/routeTable:RouteTable main-private-1-rt",
    "aws:ec2/routeTable:RouteTable main-private-2-rt",
    "aws:ec2/routeTable:RouteTable main-public-rt",
    "aws:ec2/routeTableAssociation:RouteTableAssociation main-private-1-rta",
    "aws:ec2/routeTableAssociation:RouteTableAssociation main-private-2-rta",
    "aws:ec2/routeTableAssociation:RouteTableAssociation main-public-1-rta",
    "aws:ec2/routeTableAssociation:RouteTableAssociation main-public-2-rta",
    "aws:ec2/subnet:Subnet main-private-1",
    "aws:ec2/subnet:Subnet main-private-2",
    "aws:ec2/subnet:Subnet main-public-1",
    "aws:ec2/subnet:Subnet main-public-2",
    "aws:ec2/vpc:Vpc main-vpc",
    "aws:ecs/cluster:Cluster main",
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders main-capacity",
];

describe("FargateCluster", () => {
    it("creates the cluster, both capacity providers and a two-zone network with one NAT gateway by default", async () => {
        const rec = await record(() => new FargateCluster("main", {}));
        assert.deepEqual(childrenOf(rec, "main"), NETWORK_TWO_ZONES_SINGLE_NAT);
    });

    it("turns Container Insights on and attaches FARGATE and FARGATE_SPOT with one on-demand base task", async () => {
        const rec = await record(() => new FargateCluster("main", {}));
        assert.deepEqual(rec.get("aws:ecs/cluster:Cluster", "main").inputs.settings, [{ name: "containerInsights", value: "enabled" }]);
        const capacity = rec.get("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "main-capacity").inputs;
        assert.deepEqual(capacity.capacityProviders, ["FARGATE", "FARGATE_SPOT"]);
        assert.deepEqual(capacity.defaultCapacityProviderStrategies, [{ capacityProvider: "FARGATE", base: 1, weight: 1 }]);
    });

    it("adds Spot to the default strategy when it has a weight", async () => {
        const rec = await record(() => new FargateCluster("main", { capacity: { onDemandBase: 2, onDemandWeight: 1, spotWeight: 3 } }));
        assert.deepEqual(rec.get("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "main-capacity").inputs.defaultCapacityProviderStrategies, [
            { capacityProvider: "FARGATE", base: 2, weight: 1 },
            { capacityProvider: "FARGATE_SPOT", base: 0, weight: 3 },
        ]);
    });

    it("lays out /20 subnets per zone, public first and private from the ninth block", async () => {
        const rec = await record(() => new FargateCluster("main", { availabilityZones: 3, natGateways: "None" }));
        const cidrs = rec.ofType("aws:ec2/subnet:Subnet").map((s) => `${s.name} ${s.inputs.cidrBlock} ${s.inputs.availabilityZone}`).sort();
        assert.deepEqual(cidrs, [
            "main-private-1 10.0.128.0/20 us-east-1a",
            "main-private-2 10.0.144.0/20 us-east-1b",
            "main-private-3 10.0.160.0/20 us-east-1c",
            "main-public-1 10.0.0.0/20 us-east-1a",
            "main-public-2 10.0.16.0/20 us-east-1b",
            "main-public-3 10.0.32.0/20 us-east-1c",
        ]);
        assert.ok(rec.ofType("aws:ec2/subnet:Subnet").every((s) => s.inputs.mapPublicIpOnLaunch === false));
    });

    it("places subnets only in the region's regular zones, never in an opted-in Local or Wavelength Zone listed first", async () => {
        assert.deepEqual(simulatedZones("us-east-1").slice(0, 2).map((z) => `${z.name} ${z.optInStatus}`), ["us-east-1-bos-1a opted-in", "us-east-1-wl1-bos-wlz-1 opted-in"]);
        const rec = await record(() => new FargateCluster("main", { availabilityZones: 6, natGateways: "None" }));
        const zones = [...new Set(rec.ofType("aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone))].sort();
        assert.deepEqual(zones, ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]);
    });

    it("creates no NAT gateway and no private default route with natGateways None", async () => {
        const rec = await record(() => new FargateCluster("main", { natGateways: "None" }));
        assert.equal(rec.ofType("aws:ec2/natGateway:NatGateway").length, 0);
        assert.equal(rec.ofType("aws:ec2/eip:Eip").length, 0);
        assert.deepEqual(rec.ofType("aws:ec2/route:Route").map((r) => r.name), ["main-public-default-route"]);
    });

    it("creates one NAT gateway per zone with OnePerAz, each zone routing through its own", async () => {
        const rec = await record(() => new FargateCluster("main", { natGateways: "OnePerAz", availabilityZones: 3 }));
        const nats = rec.ofType("aws:ec2/natGateway:NatGateway");
        assert.deepEqual(nats.map((n) => n.name).sort(), ["main-nat-1", "main-nat-2", "main-nat-3"]);
        for (const zone of [1, 2, 3]) {
            const route = rec.get("aws:ec2/route:Route", `main-private-${zone}-default-route`);
            assert.equal(route.inputs.natGatewayId, rec.get("aws:ec2/natGateway:NatGateway", `main-nat-${zone}`).id);
        }
    });

    it("creates ECR, Logs and S3 endpoints with an endpoint group open on 443 to the VPC only", async () => {
        const rec = await record(() => new FargateCluster("main", { natGateways: "None", vpcEndpoints: true }));
        const endpoints = rec.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => `${e.inputs.serviceName} ${e.inputs.vpcEndpointType}`).sort();
        assert.deepEqual(endpoints, [
            "com.amazonaws.us-east-1.ecr.api Interface",
            "com.amazonaws.us-east-1.ecr.dkr Interface",
            "com.amazonaws.us-east-1.logs Interface",
            "com.amazonaws.us-east-1.s3 Gateway",
        ]);
        const ingress = rec.get("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "main-endpoints-https-in").inputs;
        assert.deepEqual([ingress.ipProtocol, ingress.fromPort, ingress.toPort, ingress.cidrIpv4], ["tcp", 443, 443, "10.0.0.0/16"]);
    });

    it("adds the Secrets Manager and SSM endpoints for secrets, and SSM messages and KMS for ECS Exec with a session key", async () => {
        const endpointsOf = async (args: FargateClusterArgs) => (await record(() => new FargateCluster("main", { natGateways: "None", vpcEndpoints: true, ...args })))
            .ofType("aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => `${e.name} ${e.inputs.serviceName}`).sort();
        const base = [
            "main-ecr-api-endpoint com.amazonaws.us-east-1.ecr.api",
            "main-ecr-dkr-endpoint com.amazonaws.us-east-1.ecr.dkr",
            "main-logs-endpoint com.amazonaws.us-east-1.logs",
            "main-s3-endpoint com.amazonaws.us-east-1.s3",
        ];
        assert.deepEqual(await endpointsOf({}), base);
        assert.deepEqual(await endpointsOf({ secretsVpcEndpoints: true }), [...base,
            "main-secretsmanager-endpoint com.amazonaws.us-east-1.secretsmanager",
            "main-ssm-endpoint com.amazonaws.us-east-1.ssm",
        ].sort());
        assert.deepEqual(await endpointsOf({ executeCommandVpcEndpoints: true }), [...base, "main-ssmmessages-endpoint com.amazonaws.us-east-1.ssmmessages"].sort());
        const key = "arn:aws:kms:us-east-1:123456789012:key/abc";
        assert.deepEqual(await endpointsOf({ executeCommandVpcEndpoints: true, executeCommandKmsKeyArn: key }), [...base,
            "main-kms-endpoint com.amazonaws.us-east-1.kms",
            "main-ssmmessages-endpoint com.amazonaws.us-east-1.ssmmessages",
        ].sort());
        assert.deepEqual(await endpointsOf({ executeCommandKmsKeyArn: key }), base, "a session key alone adds no endpoint");
    });

    it("places every interface endpoint in each private subnet, behind the endpoints' group", async () => {
        const rec = await record(() => new FargateCluster("main", { natGateways: "None", vpcEndpoints: true, secretsVpcEndpoints: true, executeCommandVpcEndpoints: true }));
        const privateSubnets = ["main-private-1", "main-private-2"].map((n) => rec.get("aws:ec2/subnet:Subnet", n).id);
        const group = rec.get("aws:ec2/securityGroup:SecurityGroup", "main-endpoints-sg").id;
        const interfaces = rec.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => e.inputs.vpcEndpointType === "Interface");
        assert.equal(interfaces.length, 6);
        for (const endpoint of interfaces) {
            assert.deepEqual([endpoint.inputs.subnetIds, endpoint.inputs.securityGroupIds, endpoint.inputs.privateDnsEnabled], [privateSubnets, [group], true], endpoint.name);
        }
    });

    it("creates no network resource at all for an existing VPC and passes its IDs through", async () => {
        let cluster: FargateCluster | undefined;
        const rec = await record(() => {
            cluster = new FargateCluster("main", { vpcId: "vpc-1", publicSubnetIds: ["subnet-a", "subnet-b"], privateSubnetIds: ["subnet-c", "subnet-d"] });
        });
        assert.deepEqual(childrenOf(rec, "main"), ["aws:ecs/cluster:Cluster main", "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders main-capacity"]);
        assert.deepEqual(await new Promise((r) => cluster!.privateSubnetIds.apply(r)), ["subnet-c", "subnet-d"]);
    });

    it("creates a Service Connect namespace and makes it the cluster default", async () => {
        const rec = await record(() => new FargateCluster("main", { natGateways: "None", serviceConnectNamespace: "internal" }));
        const ns = rec.get("aws:servicediscovery/httpNamespace:HttpNamespace", "main-namespace");
        assert.deepEqual(rec.get("aws:ecs/cluster:Cluster", "main").inputs.serviceConnectDefaults, { namespace: ns.outputs.arn });
    });

    it("encrypts ECS Exec sessions with the given key and logs them to the tasks' log configuration", async () => {
        const key = "arn:aws:kms:us-east-1:123456789012:key/abc";
        const rec = await record(() => new FargateCluster("main", { natGateways: "None", executeCommandKmsKeyArn: key }));
        assert.deepEqual(rec.get("aws:ecs/cluster:Cluster", "main").inputs.configuration, { executeCommandConfiguration: { kmsKeyId: key, logging: "DEFAULT" } });
    });

    it("rejects half of an existing network before creating anything", async () => {
        const { error, recorder } = await constructionError(() => new FargateCluster("main", { vpcId: "vpc-1", publicSubnetIds: ["subnet-a"] }));
        assert.equal(error.message, 'Invalid arguments for FargateCluster "main":\n  - An existing network needs `vpcId`, `publicSubnetIds` and `privateSubnetIds` together; got `vpcId` and `publicSubnetIds` without `privateSubnetIds`. Give all three, or none to create a network.');
        assert.deepEqual(recorder.resources.map((r) => r.urn), [], "not even the component is registered");
    });

    const cases: [string, object, string][] = [
        ["an unknown NAT choice", { natGateways: "Two" }, '`natGateways` "Two" is not valid; use one of "None", "Single", "OnePerAz".'],
        ["one zone", { availabilityZones: 1 }, "`availabilityZones` 1 is not valid; use a whole number from 2 to 6."],
        ["a malformed CIDR", { cidrBlock: "10.0.0.0/33" }, '`cidrBlock` "10.0.0.0/33" is not a CIDR block; use an address range such as "10.0.0.0/16" or "::/0".'],
        ["a too small VPC", { cidrBlock: "10.0.0.0/26" }, '`cidrBlock` "10.0.0.0/26" is not usable for a VPC; use an IPv4 range from /16 to /24, e.g. "10.0.0.0/16".'],
        ["zero weights", { capacity: { onDemandWeight: 0 } }, "`capacity` gives both `onDemandWeight` and `spotWeight` 0, so no task beyond the base could be placed; give one of them a weight of at least 1."],
        ["an unknown insights level", { containerInsights: "on" }, '`containerInsights` "on" is not valid; use one of "enabled", "enhanced", "disabled".'],
        ["network shape with an existing VPC", { vpcId: "v", publicSubnetIds: ["a"], privateSubnetIds: ["b"], natGateways: "None" }, "`natGateways` shape a created network, but `vpcId` names an existing one; drop it or drop `vpcId`."],
        ["a non-KMS exec key", { executeCommandKmsKeyArn: "alias/exec" }, '`executeCommandKmsKeyArn` "alias/exec" is not the ARN of a KMS key; use the key\'s ARN (not an alias), e.g. "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".'],
        ["secrets endpoints without the base ones", { secretsVpcEndpoints: true }, "`secretsVpcEndpoints` adds to the endpoints `vpcEndpoints` creates, without which tasks cannot pull their image or log; set `vpcEndpoints` to true as well, or drop `secretsVpcEndpoints`."],
        ["ECS Exec endpoints with an existing VPC", { vpcId: "v", publicSubnetIds: ["a"], privateSubnetIds: ["b"], executeCommandVpcEndpoints: true }, "`executeCommandVpcEndpoints` shape a created network, but `vpcId` names an existing one; drop it or drop `vpcId`."],
        ["a bad cluster name", { clusterName: "my cluster" }, '`clusterName` "my cluster" is not a valid ECS cluster name; use 1 to 255 letters, digits, "-" or "_".'],
    ];
    for (const [what, args, message] of cases) {
        it(`rejects ${what}`, () => {
            assert.deepEqual(validateFargateClusterArgs(args).filter(Boolean), [message]);
        });
    }
});

describe("subnet maths", () => {
    it("splits a range into equal blocks by index", () => {
        assert.equal(subnetCidr("10.0.0.0/16", 4, 0), "10.0.0.0/20");
        assert.equal(subnetCidr("10.0.0.0/16", 4, 15), "10.0.240.0/20");
        assert.equal(subnetCidr("192.168.4.0/24", 4, 9), "192.168.4.144/28");
    });

    it("never overlaps public and private blocks for six zones", () => {
        const { publicCidrs, privateCidrs } = planSubnets("10.1.0.0/16", 6);
        assert.equal(new Set([...publicCidrs, ...privateCidrs]).size, 12);
    });
});
