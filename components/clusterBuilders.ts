/**
 * Pure builders and validation for `FargateCluster`.
 */
import { FARGATE_CLUSTER_KEYS, unknownArguments } from "./argKeys";
import { Capacity, ContainerInsights, FargateClusterArgs } from "./clusterArgs";
import { NatGateways } from "./network";
import { RANGES, RULES } from "./awsRules";
import { checkCidr, checkInteger, checkKmsKeyArn, checkNumber, checkOneOf, checkTags, checkText, known, quote } from "./validate";

/** Zones a created network may span. */
const MAX_ZONES = 6;

/** Problems with an on-demand/Spot split, for `arg` (e.g. `capacity`). */
export function validateCapacity(arg: string, capacity: Capacity | undefined): (string | undefined)[] {
    if (!capacity) {
        return [];
    }
    const problems = [
        checkNumber(`${arg}.onDemandBase`, capacity.onDemandBase, RANGES.capacityBase),
        checkNumber(`${arg}.onDemandWeight`, capacity.onDemandWeight, RANGES.capacityWeight),
        checkNumber(`${arg}.spotWeight`, capacity.spotWeight, RANGES.capacityWeight),
    ];
    if (capacity.onDemandWeight === 0 && (capacity.spotWeight ?? 0) === 0) {
        problems.push(`\`${arg}\` gives both \`onDemandWeight\` and \`spotWeight\` 0, so no task beyond the base could be placed; give one of them a weight of at least 1.`);
    }
    return problems;
}

/** The capacity provider strategy of a split: on-demand with the base, Spot only when it has a weight. */
export function capacityStrategy(split: Required<Capacity>): { capacityProvider: string; base: number; weight: number }[] {
    const strategy = [{ capacityProvider: "FARGATE", base: split.onDemandBase, weight: split.onDemandWeight }];
    if (split.spotWeight > 0) {
        strategy.push({ capacityProvider: "FARGATE_SPOT", base: 0, weight: split.spotWeight });
    }
    return strategy;
}

/** Every problem with `args`, before anything is created. */
export function validateFargateClusterArgs(args: FargateClusterArgs): (string | undefined)[] {
    const problems: (string | undefined)[] = [
        ...unknownArguments("FargateCluster", FARGATE_CLUSTER_KEYS, args),
        checkOneOf("containerInsights", known(args.containerInsights), Object.values(ContainerInsights)),
        ...validateCapacity("capacity", args.capacity),
        checkOneOf("natGateways", args.natGateways, Object.values(NatGateways)),
        checkInteger("availabilityZones", args.availabilityZones, 2, MAX_ZONES),
        // The same key ARN a WebService's task role is granted kms:Decrypt on, so never an alias.
        checkKmsKeyArn("executeCommandKmsKeyArn", known(args.executeCommandKmsKeyArn)),
        checkText("clusterName", known(args.clusterName), RULES.ecsClusterName),
        checkText("serviceConnectNamespace", known(args.serviceConnectNamespace), RULES.httpNamespaceName),
        ...checkTags("tags", args.tags),
    ];
    const cidr = args.cidrBlock;
    const cidrProblem = checkCidr("cidrBlock", cidr);
    problems.push(cidrProblem);
    if (cidr !== undefined && cidrProblem === undefined) {
        const prefix = Number(cidr.split("/")[1]);
        if (cidr.includes(":") || prefix < 16 || prefix > 24) {
            problems.push(`\`cidrBlock\` ${quote(cidr)} is not usable for a VPC; use an IPv4 range from /16 to /24, e.g. "10.0.0.0/16".`);
        }
    }
    for (const key of ["secretsVpcEndpoints", "executeCommandVpcEndpoints"] as const) {
        if (args[key] === true && args.vpcEndpoints !== true && args.vpcId === undefined) {
            problems.push(`\`${key}\` adds to the endpoints \`vpcEndpoints\` creates, without which tasks cannot pull their image or log; set \`vpcEndpoints\` to true as well, or drop \`${key}\`.`);
        }
    }
    const existing = { vpcId: args.vpcId, publicSubnetIds: args.publicSubnetIds, privateSubnetIds: args.privateSubnetIds };
    const given = Object.entries(existing).filter(([, v]) => v !== undefined).map(([k]) => k);
    if (given.length > 0 && given.length < 3) {
        const missing = Object.keys(existing).filter((k) => !given.includes(k));
        problems.push(`An existing network needs \`vpcId\`, \`publicSubnetIds\` and \`privateSubnetIds\` together; got ${given.map((g) => `\`${g}\``).join(" and ")} without ${missing.map((m) => `\`${m}\``).join(" and ")}. Give all three, or none to create a network.`);
    }
    if (given.length > 0) {
        const created = (["availabilityZones", "cidrBlock", "natGateways", "vpcEndpoints", "secretsVpcEndpoints", "executeCommandVpcEndpoints"] as const).filter((k) => args[k] !== undefined);
        if (created.length > 0) {
            problems.push(`${created.map((c) => `\`${c}\``).join(", ")} shape a created network, but \`vpcId\` names an existing one; drop ${created.length > 1 ? "them" : "it"} or drop \`vpcId\`.`);
        }
        for (const key of ["publicSubnetIds", "privateSubnetIds"] as const) {
            const list = args[key];
            if (Array.isArray(list) && list.length === 0) {
                problems.push(`\`${key}\` is empty; give the IDs of at least two subnets in different zones.`);
            }
        }
    }
    return problems;
}
