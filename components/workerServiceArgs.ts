/**
 * The arguments of a `WorkerService`: the cross-language contract (Python and Go users see exactly these).
 */
import * as pulumi from "@pulumi/pulumi";
import type { ScalingBounds, TaskArgs } from "./taskArgs";

/** Scale on the backlog of an SQS queue: visible messages divided by running tasks. */
export interface QueueDepth {
    /** Name of the SQS queue the workers consume (its name, not its URL or ARN). */
    queueName: pulumi.Input<string>;
    /** Visible messages per running task to keep the backlog near (what one task works through in an acceptable time). */
    messagesPerTask: number;
}

/** Application Auto Scaling of the worker's task count. */
export interface WorkerAutoscaling extends ScalingBounds {
    /** Keep the queue's backlog per task near a target. Defaults to no queue target. */
    queueDepth?: QueueDepth;
}

/** Arguments of a `WorkerService`. */
export interface WorkerServiceArgs extends TaskArgs {
    /** Port the container listens on, for Service Connect clients. Defaults to none (a worker that only calls out). */
    containerPort?: number;
    /** Auto scaling of the task count. Defaults to a fixed `desiredCount`. */
    autoscaling?: WorkerAutoscaling;
}
