/**
 * Validation of `WorkerServiceArgs`: the checks every service kind shares, and none of a load balancer's.
 */
import { unknownArguments, WORKER_SERVICE_KEYS } from "./argKeys";
import { DEFAULT_CPU, DEFAULT_MEMORY_MIB } from "./defaults";
import { validateStrategy, validateTaskOptions } from "./taskValidation";
import { checkArn, checkNonEmpty, known } from "./validate";
import { validateContainer, validateDeploymentAndScaling, validateExecuteCommand, validateNames, validatePermissions } from "./webServiceValidation";
import { WorkerServiceArgs } from "./workerServiceArgs";

/** Every problem with `args` of the worker `name`, before anything is created. */
export function validateWorkerServiceArgs(args: WorkerServiceArgs, name = "worker"): (string | undefined)[] {
    const required = (["clusterArn", "vpcId", "subnetIds", "image"] as const)
        .filter((key) => args[key] === undefined || args[key] === null || args[key] === "")
        .map((key) => `\`${key}\` is required; give ${key === "image" ? "the container image to run (e.g. a Registry's imageUri)" : `the ${key} of the network/cluster to run in`}.`);
    const clusterArn = known(args.clusterArn);
    return [
        ...unknownArguments("WorkerService", WORKER_SERVICE_KEYS, args),
        ...required,
        checkArn("clusterArn", clusterArn === "" ? undefined : clusterArn, ["ecs"], "arn:aws:ecs:us-east-1:123456789012:cluster/main"),
        checkNonEmpty("subnetIds", known(args.subnetIds), "subnet ID"),
        ...validateNames(args),
        ...validateContainer(args),
        ...validatePermissions(args),
        ...validateExecuteCommand(args),
        ...validateDeploymentAndScaling(args, args.autoscaling),
        // A worker has no load balancer, so only a rolling deployment applies.
        ...validateStrategy(args, ["ROLLING"]),
        ...validateTaskOptions(name, args, { cpu: args.cpu ?? DEFAULT_CPU, memory: args.memory ?? DEFAULT_MEMORY_MIB, containerPort: args.containerPort }),
    ];
}
