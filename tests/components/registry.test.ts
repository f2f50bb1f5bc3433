import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Registry } from "../../components";
import { contentTag, lifecyclePolicyDocument, validateRegistryArgs } from "../../components/registryBuilders";
import { childrenOf, constructionError, json, record } from "../helpers";

describe("Registry", () => {
    it("creates exactly a repository and its lifecycle policy by default", async () => {
        const rec = await record(() => new Registry("app", {}));
        assert.deepEqual(childrenOf(rec, "app"), [
            "aws:ecr/lifecyclePolicy:LifecyclePolicy app-lifecycle",
            "aws:ecr/repository:Repository app",
        ]);
    });

    it("makes tags immutable, scans on push, encrypts and keeps images on destroy by default", async () => {
        const rec = await record(() => new Registry("app", {}));
        const repo = rec.get("aws:ecr/repository:Repository", "app");
        assert.equal(repo.inputs.imageTagMutability, "IMMUTABLE");
        assert.deepEqual(repo.inputs.imageScanningConfiguration, { scanOnPush: true });
        assert.deepEqual(repo.inputs.encryptionConfigurations, [{ encryptionType: "AES256" }]);
        assert.equal(repo.inputs.forceDelete, false);
        assert.match(repo.inputs.name as string, /^app-[0-9a-f]{7}$/);
    });

    it("keeps the repository on destroy unless forceDelete is true", async () => {
        const kept = await record(() => new Registry("app", {}));
        assert.equal(kept.get("aws:ecr/repository:Repository", "app").retainOnDelete, true);
        const forced = await record(() => new Registry("app", { forceDelete: true }));
        assert.equal(forced.get("aws:ecr/repository:Repository", "app").inputs.forceDelete, true);
        assert.equal(forced.get("aws:ecr/repository:Repository", "app").retainOnDelete, undefined);
    });

    it("expires untagged images after 7 days and keeps the newest 30 tagged ones", async () => {
        const rec = await record(() => new Registry("app", {}));
        const policy = json(rec.get("aws:ecr/lifecyclePolicy:LifecyclePolicy", "app-lifecycle"), "policy");
        assert.deepEqual(policy.rules.map((r: any) => r.selection), [
            { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 },
            { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 30 },
        ]);
    });

    it("uses the KMS key when one is given", async () => {
        const key = "arn:aws:kms:us-east-1:123456789012:key/abc";
        const rec = await record(() => new Registry("app", { kmsKeyArn: key }));
        assert.deepEqual(rec.get("aws:ecr/repository:Repository", "app").inputs.encryptionConfigurations, [{ encryptionType: "KMS", kmsKey: key }]);
    });

    it("deletes the repository before creating its replacement, since a new one cannot take the fixed name", async () => {
        for (const args of [{}, { repositoryName: "team/web", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" }]) {
            const rec = await record(() => new Registry("app", args));
            assert.equal(rec.get("aws:ecr/repository:Repository", "app").deleteBeforeReplace, true);
        }
    });

    it("lets exactly the named accounts pull, never a * principal", async () => {
        const rec = await record(() => new Registry("app", { pullAccountIds: ["111111111111", "222222222222"] }));
        const policy = json(rec.get("aws:ecr/repositoryPolicy:RepositoryPolicy", "app-pull-policy"), "policy");
        assert.deepEqual(policy.Statement, [{
            Sid: "CrossAccountPull",
            Effect: "Allow",
            Principal: { AWS: ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root"] },
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        }]);
    });

    it("builds and pushes the image with a content tag and hands out the digest-pinned URI", async () => {
        let registry: Registry | undefined;
        const rec = await record(() => { registry = new Registry("app", { repositoryName: "demo", build: { context: "./app", platform: "linux/arm64" } }); });
        const image = rec.get("docker:index/image:Image", "app-image");
        const tag = contentTag({ context: "./app", platform: "linux/arm64" });
        assert.equal(image.inputs.imageName, `123456789012.dkr.ecr.us-east-1.amazonaws.com/demo:${tag}`);
        assert.deepEqual((image.inputs.build as any).platform, "linux/arm64");
        const uri = await new Promise((resolve) => registry!.imageUri.apply(resolve));
        assert.match(uri as string, /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/demo@sha256:[0-9a-f]{64}$/);
    });

    it("rejects a bad repository name, mutability and account before creating anything", async () => {
        const { error, recorder } = await constructionError(() => new Registry("app", {
            repositoryName: "Bad_Name!", imageTagMutability: "SOMETIMES" as any, pullAccountIds: ["*"],
        }));
        assert.equal(error.message, [
            'Invalid arguments for Registry "app":',
            '  - `repositoryName` "Bad_Name!" is not a valid ECR repository name; use 2 to 256 lowercase letters and digits, separated by ".", "_", "-" or "/", e.g. "team/web-app".',
            '  - `imageTagMutability` "SOMETIMES" is not valid; use one of "IMMUTABLE", "MUTABLE".',
            '  - `pullAccountIds[0]` "*" is not an AWS account ID; use the account\'s 12 digits, e.g. "123456789012".',
        ].join("\n"));
        assert.deepEqual(recorder.resources.map((r) => r.urn), [], "not even the component is registered");
    });
});

describe("registry builders", () => {
    const made: string[] = [];
    after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    function tempContext(files: Record<string, string>): string {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ctx-"));
        made.push(dir);
        for (const [name, text] of Object.entries(files)) {
            fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
            fs.writeFileSync(path.join(dir, name), text);
        }
        return dir;
    }

    it("keeps the content tag while sources are unchanged", () => {
        const dir = tempContext({ Dockerfile: "FROM x", "src/a.js": "1" });
        assert.equal(contentTag({ context: dir }), contentTag({ context: dir }));
    });

    it("changes the content tag when a file, a build arg, the platform or the target changes", () => {
        const dir = tempContext({ Dockerfile: "FROM x", "src/a.js": "1" });
        const base = contentTag({ context: dir });
        assert.notEqual(contentTag({ context: dir, args: { A: "1" } }), base);
        assert.notEqual(contentTag({ context: dir, platform: "linux/arm64" }), base);
        assert.notEqual(contentTag({ context: dir, target: "prod" }), base);
        fs.writeFileSync(path.join(dir, "src/a.js"), "2");
        assert.notEqual(contentTag({ context: dir }), base);
    });

    it("ignores files .dockerignore excludes", () => {
        const dir = tempContext({ Dockerfile: "FROM x", ".dockerignore": "node_modules\n*.log\n", "a.js": "1" });
        const base = contentTag({ context: dir });
        fs.mkdirSync(path.join(dir, "node_modules"));
        fs.writeFileSync(path.join(dir, "node_modules/x.js"), "x");
        fs.writeFileSync(path.join(dir, "debug.log"), "x");
        assert.equal(contentTag({ context: dir }), base);
    });

    it("limits the kept images to the given tag prefixes", () => {
        const policy = JSON.parse(lifecyclePolicyDocument(5, 3, ["release-"]));
        assert.deepEqual(policy.rules[1].selection, { tagStatus: "tagged", tagPrefixList: ["release-"], countType: "imageCountMoreThan", countNumber: 5 });
    });

    const cases: [string, object, string][] = [
        ["a missing context folder", { build: { context: "./no-such-dir" } }, '`build.context` "./no-such-dir" is not a folder; give the path (relative to the program) of the folder that holds the Dockerfile.'],
        ["a missing Dockerfile", { build: { context: "./components" } }, '`build.dockerfile` "Dockerfile" does not exist in "./components"; give the Dockerfile\'s path relative to the context.'],
        ["an unknown platform", { build: { context: "./app", platform: "windows/amd64" } }, '`build.platform` "windows/amd64" is not valid; use one of "linux/amd64", "linux/arm64".'],
        ["a bad tag", { build: { context: "./app", tag: "-x" } }, '`build.tag` "-x" is not a Docker tag; use up to 128 letters, digits, "_", "." or "-", not starting with "." or "-".'],
        ["zero kept images", { lifecycle: { maxTaggedImages: 0 } }, "`lifecycle.maxTaggedImages` 0 is not valid; use a whole number from 1 to 10000."],
        ["a non-KMS key ARN", { kmsKeyArn: "arn:aws:s3:::bucket" }, '`kmsKeyArn` "arn:aws:s3:::bucket" is not an ARN of kms; use one such as "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".'],
    ];
    for (const [what, args, message] of cases) {
        it(`rejects ${what}`, () => {
            assert.deepEqual(validateRegistryArgs(args).filter(Boolean), [message]);
        });
    }
});
