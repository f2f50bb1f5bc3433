import * as pulumi from "@pulumi/pulumi";
import { ec2Description } from "./names";
import { createService } from "./service";
import { createTask, resolveTask } from "./task";
import { throwIfInvalid } from "./validate";
import { WorkerServiceArgs } from "./workerServiceArgs";
import { validateWorkerServiceArgs } from "./workerServiceValidation";

/**
 * A background service on ECS Fargate with no load balancer and no inbound access at all (a queue consumer, a
 * scheduler): task definition, least-privilege execution and task roles, log group, a security group with no
 * ingress, the ECS service with a rolling deployment guarded by the circuit breaker, and optional auto scaling on
 * CPU, memory or an SQS queue's backlog per task.
 */
export class WorkerService extends pulumi.ComponentResource {
    /** Name of the ECS service. */
    public readonly serviceName: pulumi.Output<string>;
    /** ARN of the ECS service. */
    public readonly serviceArn: pulumi.Output<string>;
    /** ARN of the task definition (with its revision). */
    public readonly taskDefinitionArn: pulumi.Output<string>;
    /** ARN of the task role (the app's own AWS permissions). */
    public readonly taskRoleArn: pulumi.Output<string>;
    /** ARN of the execution role (image pull, logs, secrets at start). */
    public readonly executionRoleArn: pulumi.Output<string>;
    /** ID of the tasks' security group (no inbound rules; add your own to admit a caller). */
    public readonly securityGroupId: pulumi.Output<string>;
    /** Name of the CloudWatch log group of the containers. */
    public readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: WorkerServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
        // Validate before registering anything, the component included: bad input leaves no trace in the stack.
        throwIfInvalid("WorkerService", name, validateWorkerServiceArgs(args, name));
        super("ecs-fargate:index:WorkerService", name, {}, opts);

        const resolved = resolveTask(name, args, args.containerPort, args.autoscaling?.minCapacity);
        const task = createTask(name, args, resolved, ec2Description("Tasks of ", name, ": no inbound access"), this);
        // No load balancer: the same service builder with an empty list of attachments.
        const service = createService(name, args, resolved, task, { attachments: [], autoscaling: args.autoscaling }, this);

        this.serviceName = service.name;
        this.serviceArn = service.arn;
        this.taskDefinitionArn = task.taskDefinition.arn;
        this.taskRoleArn = task.taskRole.arn;
        this.executionRoleArn = task.executionRole.arn;
        this.securityGroupId = task.securityGroup.id;
        this.logGroupName = task.logGroup.name;
        this.registerOutputs({
            serviceName: this.serviceName,
            serviceArn: this.serviceArn,
            taskDefinitionArn: this.taskDefinitionArn,
            taskRoleArn: this.taskRoleArn,
            executionRoleArn: this.executionRoleArn,
            securityGroupId: this.securityGroupId,
            logGroupName: this.logGroupName,
        });
    }
}
