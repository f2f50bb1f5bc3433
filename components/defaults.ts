/**
 * Every default of the package, in one place. Components apply them with `??`, and the README quotes them.
 * Values chosen for safety first and then for cost and deploy speed; each says why.
 */

// ── Registry ──────────────────────────────────────────────────────────────────────────────────────────────
/** Tags cannot be overwritten, so a digest seen in review is the digest that runs (Security Hub ECR.2). */
export const DEFAULT_IMAGE_TAG_MUTABILITY = "IMMUTABLE";
/** Every pushed image is scanned for known vulnerabilities (Security Hub ECR.1). */
export const DEFAULT_SCAN_ON_PUSH = true;
/** How many tagged images the lifecycle policy keeps; older ones expire (ECR storage costs $0.10/GB-month). */
export const DEFAULT_MAX_TAGGED_IMAGES = 30;
/** Days after which untagged images (left behind by pushes) expire. */
export const DEFAULT_UNTAGGED_EXPIRY_DAYS = 7;
/** A repository that still holds images is never deleted by `pulumi destroy` unless asked. */
export const DEFAULT_FORCE_DELETE = false;
/** Docker platform of built images when none is given. */
export const DEFAULT_BUILD_PLATFORM = "linux/amd64";
/** Dockerfile name inside the build context. */
export const DEFAULT_DOCKERFILE = "Dockerfile";

// ── FargateCluster ────────────────────────────────────────────────────────────────────────────────────────
/** Container Insights metrics are on (Security Hub ECS.12). */
export const DEFAULT_CONTAINER_INSIGHTS = "enabled";
/** Tasks that always run on on-demand Fargate before any Spot share applies. */
export const DEFAULT_ON_DEMAND_BASE = 1;
/** Relative weight of on-demand Fargate beyond the base. */
export const DEFAULT_ON_DEMAND_WEIGHT = 1;
/** Relative weight of Fargate Spot beyond the base: none unless asked (Spot tasks can be reclaimed). */
export const DEFAULT_SPOT_WEIGHT = 0;
/** Availability zones of a created network: two, the minimum for a load balancer. */
export const DEFAULT_AVAILABILITY_ZONES = 2;
/** Address range of a created network. */
export const DEFAULT_VPC_CIDR = "10.0.0.0/16";
/** One NAT gateway for the whole network: private tasks can reach the internet for $33/month, not $66+. */
export const DEFAULT_NAT_GATEWAYS = "Single";
/** Interface endpoints cost $7.30 per endpoint per AZ a month, so they are off unless asked. */
export const DEFAULT_VPC_ENDPOINTS = false;
/** Secrets Manager and SSM endpoints (two more interface endpoints) only when asked. */
export const DEFAULT_SECRETS_VPC_ENDPOINTS = false;
/** The ECS Exec endpoints (SSM messages, and KMS with a session key) only when asked. */
export const DEFAULT_EXECUTE_COMMAND_VPC_ENDPOINTS = false;

// ── WebService ────────────────────────────────────────────────────────────────────────────────────────────
/** Task CPU units: the smallest Fargate size (0.25 vCPU). */
export const DEFAULT_CPU = 256;
/** Task memory in MiB: the smallest valid with 256 CPU units. */
export const DEFAULT_MEMORY_MIB = 512;
/** CPU architecture of the task. */
export const DEFAULT_ARCHITECTURE = "X86_64";
/** Tasks the service runs when not auto scaled. */
export const DEFAULT_DESIRED_COUNT = 1;
/** Port the container listens on. */
export const DEFAULT_CONTAINER_PORT = 80;
/** The container cannot write to its image's file system; `writablePaths` opens named folders. */
export const DEFAULT_READONLY_ROOT_FILESYSTEM = true;
/** With ECS Exec the root is writable: the SSM agent ECS Exec injects must write to it. */
export const DEFAULT_READONLY_ROOT_FILESYSTEM_WITH_EXECUTE_COMMAND = false;
/** Days CloudWatch keeps the service's logs (never "forever", never deleted with the stack by default). */
export const DEFAULT_LOG_RETENTION_DAYS = 30;
/** ECS Exec (a shell into running tasks) is off unless asked. */
export const DEFAULT_ENABLE_EXECUTE_COMMAND = false;
/** The load balancer is internet-facing. */
export const DEFAULT_INTERNAL = false;
/** Who may reach the load balancer's listeners. */
export const DEFAULT_ALLOWED_CIDRS: readonly string[] = ["0.0.0.0/0"];
/** Tasks get no public IP: they are reached through the load balancer only. */
export const DEFAULT_ASSIGN_PUBLIC_IP = false;
/** Load balancer deletion protection (turn on for production; it blocks `pulumi destroy`). */
export const DEFAULT_DELETION_PROTECTION = false;
/** Health-check path on the container. */
export const DEFAULT_HEALTH_CHECK_PATH = "/";
/** Seconds between health checks: 10 (AWS: 30), so a new task is healthy in 20 s rather than 150 s. */
export const DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS = 10;
/** Seconds a health check may take. */
export const DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS = 5;
/** Consecutive passes before a target is healthy: 2 (AWS: 5). */
export const DEFAULT_HEALTHY_THRESHOLD = 2;
/** Consecutive failures before a target is unhealthy. */
export const DEFAULT_UNHEALTHY_THRESHOLD = 3;
/** HTTP codes a healthy target answers with. */
export const DEFAULT_HEALTH_CHECK_MATCHER = "200-399";
/** Seconds ECS ignores failing load-balancer health checks after a task starts. */
export const DEFAULT_HEALTH_CHECK_GRACE_PERIOD_SECONDS = 30;
/** Seconds a deregistering target keeps serving in-flight requests: 15 (AWS: 300). */
export const DEFAULT_DEREGISTRATION_DELAY_SECONDS = 15;
/** A rolling deploy keeps every running task until its replacement is healthy. */
export const DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;
/** A rolling deploy may double the tasks while replacing them. */
export const DEFAULT_MAXIMUM_PERCENT = 200;
/** A failed deploy rolls back to the last working task definition. */
export const DEFAULT_ROLLBACK = true;
/** `pulumi up` waits until the deploy is done, so a rollback fails the update instead of passing silently. */
export const DEFAULT_WAIT_FOR_STEADY_STATE = true;
/** Target CPU utilisation of auto scaling when no target metric is named. */
export const DEFAULT_CPU_TARGET_PERCENT = 60;
/** Seconds after a scale-in before another scale-in. */
export const DEFAULT_SCALE_IN_COOLDOWN_SECONDS = 300;
/** Seconds after a scale-out before another scale-out. */
export const DEFAULT_SCALE_OUT_COOLDOWN_SECONDS = 60;
/** TLS policy of HTTPS listeners: TLS 1.3 and 1.2 with forward secrecy only (on Security Hub ELB.17's list). */
export const DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";
/** Name of the one container in the task. */
export const CONTAINER_NAME = "app";
/** The log group and its logs outlive the service: `pulumi destroy` never deletes logs unless asked. */
export const DEFAULT_RETAIN_LOGS_ON_DELETE = true;

// ── Every service (WebService, WorkerService) ─────────────────────────────────────────────────────────────
/** How a service deploys: rolling, the only strategy that needs no second target group. */
export const DEFAULT_DEPLOYMENT_STRATEGY = "ROLLING";
/** Minutes both task sets run after a traffic-shifting deploy, so alarms can trip a rollback before the old set stops. */
export const DEFAULT_BAKE_TIME_MINUTES = 5;
/** Share of the traffic a canary deploy moves first, in percent. */
export const DEFAULT_CANARY_PERCENT = 10;
/** Share of the traffic each step of a linear deploy moves: four steps. */
export const DEFAULT_LINEAR_STEP_PERCENT = 25;
/** Minutes a canary or linear deploy waits after each step. */
export const DEFAULT_STEP_BAKE_TIME_MINUTES = 5;
/** Seconds between container health checks (ECS's default). */
export const DEFAULT_CONTAINER_HEALTH_CHECK_INTERVAL_SECONDS = 30;
/** Seconds a container health check may take (ECS's default). */
export const DEFAULT_CONTAINER_HEALTH_CHECK_TIMEOUT_SECONDS = 5;
/** Failures before a container is unhealthy (ECS's default). */
export const DEFAULT_CONTAINER_HEALTH_CHECK_RETRIES = 3;
/** A sidecar that stops does not stop the app's task unless asked. */
export const DEFAULT_SIDECAR_ESSENTIAL = false;
/** EFS volumes are mounted read-write unless asked. */
export const DEFAULT_EFS_READ_ONLY = false;
/** A Service Connect service publishes an endpoint as well as calling others. */
export const DEFAULT_SERVICE_CONNECT_CLIENT_ONLY = false;
/** Name of the app container's port mapping published through Service Connect. */
export const SERVICE_CONNECT_PORT_NAME = "app";

// ── LoadBalancer ──────────────────────────────────────────────────────────────────────────────────────────
/** Seconds an idle connection stays open (the ALB's own default). */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
