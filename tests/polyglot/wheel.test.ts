/**
 * The Python SDK as a Python user installs it: the wheel tools/setup-polyglot.sh builds (build/dist), installed
 * with examples/python/requirements.txt into a new virtualenv outside the repository. From there it must import,
 * have package.json's version, carry every component, arg and output description of schema.json as docstrings, and
 * run examples/python: under the Python SDK's mocks, the example registers the three components with the dev stack's
 * config and wires each one's outputs into the next.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadStack } from "../../plan/stack";

const ROOT = path.resolve(__dirname, "..", "..");
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
const WHEEL = path.join(ROOT, "build", "dist", `pulumi_ecs_fargate-${VERSION}-py3-none-any.whl`);
const EXAMPLE = path.join(ROOT, "examples", "python");
/** The wheels of examples/python/requirements.txt, as PyPI serves them (tools/setup-polyglot.sh). */
const WHEELS = path.join(ROOT, "build", "wheels");
/** The interpreter of build/venv (tools/setup-polyglot.sh), whose pip installs into the new virtualenv. */
const PIP_PYTHON = path.join(ROOT, "build", "venv", "bin", "python");

interface Check {
    version: string;
    file: string;
    docstringProblems: unknown[];
    resources: Array<{ type: string; name: string; inputs: Record<string, unknown> }>;
}

function ok(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
    const r = spawnSync(command, args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024, ...options, env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1", ...options.env } });
    assert.equal(r.status, 0, `${command} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
}

describe("the Python SDK's wheel, in a new virtualenv", function () {
    this.timeout(300_000);
    let tmp: string;
    let check: Check;

    before(() => {
        assert.ok(fs.existsSync(WHEEL), `no ${path.relative(ROOT, WHEEL)} (with package.json's version): run tools/setup-polyglot.sh first`);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-fargate-wheel-"));
        const python = path.join(tmp, "venv", "bin", "python");
        // An empty virtualenv, filled by build/venv's pip (`--python`): bootstrapping a pip of its own into it took 5 of
        // the test's 15 s. Nothing is byte-compiled at install: the check imports each module once. The requirements'
        // wheels are PyPI's own, fetched once by tools/setup-polyglot.sh (build/wheels): finding them in PyPI's index
        // again took 8 s of CPU.
        ok("python3", ["-m", "venv", "--without-pip", path.join(tmp, "venv")]);
        ok(PIP_PYTHON, ["-m", "pip", "--python", python, "install", "--quiet", "--no-compile", "--no-index", "--find-links", WHEELS, WHEEL, "-r", path.join(EXAMPLE, "requirements.txt")]);
        const config = loadStack(ROOT, "dev").config;
        const out = ok(python, [path.join(__dirname, "wheel_check.py"), path.join(ROOT, "schema.json"), path.join(EXAMPLE, "__main__.py")], {
            cwd: EXAMPLE, env: { PULUMI_CONFIG: JSON.stringify(config), PYTHONPATH: "" },
        });
        check = JSON.parse(out.trim().split("\n").pop()!);
    });

    after(() => {
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("imports pulumi_ecs_fargate from the virtualenv, at package.json's version", () => {
        assert.equal(check.version, VERSION);
        assert.ok(check.file.startsWith(path.join(tmp, "venv")), check.file);
    });

    it("documents every component, arg and output with schema.json's description", () => {
        assert.deepEqual(check.docstringProblems, []);
    });

    it("runs examples/python: the three components with the dev stack's config, each wired into the next", () => {
        const byName = Object.fromEntries(check.resources.map((r) => [`${r.type} ${r.name}`, r.inputs]));
        assert.deepEqual(Object.keys(byName).sort(), ["ecs-fargate:index:FargateCluster main", "ecs-fargate:index:Registry app", "ecs-fargate:index:WebService web"]);
        assert.deepEqual(byName["ecs-fargate:index:Registry app"], { repositoryName: "devops-ecr", build: { context: "./app", platform: "linux/arm64" } });
        assert.deepEqual(byName["ecs-fargate:index:FargateCluster main"], { clusterName: "devops-cluster", natGateways: "None" });
        const web = byName["ecs-fargate:index:WebService web"];
        assert.deepEqual(
            [web.serviceName, web.family, web.containerPort, web.desiredCount, web.architecture, web.user, web.assignPublicIp, web.healthCheck, web.environment],
            ["devops-service", "devops-taskdefinition", 8080, 1, "ARM64", "1000:1000", true, { path: "/health" }, { GREETING: "Hello from the dev stack" }],
        );
        // Outputs of the mocked cluster and registry, passed on: tasks in the public subnets (tasksInPublicSubnets).
        assert.deepEqual(
            [web.clusterArn, web.vpcId, web.subnetIds, web.loadBalancerSubnetIds, web.image],
            ["arn:aws:ecs:us-east-1:123456789012:cluster/devops-cluster", "vpc-0001", ["subnet-public-a", "subnet-public-b"], ["subnet-public-a", "subnet-public-b"],
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/devops-ecr@sha256:0000"],
        );
    });
});
