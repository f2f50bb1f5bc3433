/**
 * Pure builders and validation for `Registry`: the lifecycle and pull policies, and the content-hash tag.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { REGISTRY_KEYS, unknownArguments } from "./argKeys";
import { DEFAULT_BUILD_PLATFORM, DEFAULT_DOCKERFILE } from "./defaults";
import { RULES } from "./awsRules";
import { checkAccountId, checkArn, checkInteger, checkOneOf, checkTags, checkText, known, quote } from "./validate";
import type { RegistryArgs } from "./registry";

/** Tag mutability settings a repository may have. */
export const ImageTagMutability = {
    /** Tags cannot be moved to another image. */
    Immutable: "IMMUTABLE",
    /** Tags can be overwritten by a later push. */
    Mutable: "MUTABLE",
} as const;
export type ImageTagMutability = (typeof ImageTagMutability)[keyof typeof ImageTagMutability];

/** Platforms an image can be built for. */
export const ImagePlatform = {
    /** 64-bit x86 (Fargate X86_64). */
    LinuxAmd64: "linux/amd64",
    /** 64-bit ARM (Fargate ARM64, Graviton). */
    LinuxArm64: "linux/arm64",
} as const;
export type ImagePlatform = (typeof ImagePlatform)[keyof typeof ImagePlatform];

const IMAGE_TAG = RULES.imageTag.pattern;

/** Every problem with `args`, before anything is created. */
export function validateRegistryArgs(args: RegistryArgs): (string | undefined)[] {
    const name = known(args.repositoryName);
    const problems: (string | undefined)[] = [
        ...unknownArguments("Registry", REGISTRY_KEYS, args),
        checkText("repositoryName", name, RULES.ecrRepositoryName),
        ...checkTags("tags", args.tags, RULES.ecrTagKey, RULES.ecrTagValue),
        checkOneOf("imageTagMutability", known(args.imageTagMutability), Object.values(ImageTagMutability)),
        checkArn("kmsKeyArn", known(args.kmsKeyArn), ["kms"], "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        checkInteger("lifecycle.maxTaggedImages", args.lifecycle?.maxTaggedImages, 1, 10000),
        checkInteger("lifecycle.untaggedExpiryDays", args.lifecycle?.untaggedExpiryDays, 1, 3650, " days"),
        ...(args.lifecycle?.tagPrefixes ?? []).map((p, i) =>
            typeof p === "string" && IMAGE_TAG.test(p) ? undefined : `\`lifecycle.tagPrefixes[${i}]\` ${quote(p)} is not a tag prefix; use letters, digits, "_", "." or "-".`),
        ...(known(args.pullAccountIds) ?? []).map((id, i) => checkAccountId(`pullAccountIds[${i}]`, known(id))),
    ];
    const build = args.build;
    if (build) {
        problems.push(
            typeof build.context !== "string" || build.context.length === 0
                ? "`build.context` is missing; give the folder that holds the Dockerfile, e.g. \"./app\"."
                : !fs.existsSync(build.context) || !fs.statSync(build.context).isDirectory()
                    ? `\`build.context\` ${quote(build.context)} is not a folder; give the path (relative to the program) of the folder that holds the Dockerfile.`
                    : !fs.existsSync(path.resolve(build.context, build.dockerfile ?? DEFAULT_DOCKERFILE))
                        ? `\`build.dockerfile\` ${quote(build.dockerfile ?? DEFAULT_DOCKERFILE)} does not exist in ${quote(build.context)}; give the Dockerfile's path relative to the context.`
                        : undefined,
            checkOneOf("build.platform", build.platform, Object.values(ImagePlatform)),
            checkText("build.tag", build.tag, RULES.imageTag),
        );
    }
    return problems;
}

/** An ECR lifecycle policy: untagged images expire after `untaggedExpiryDays`; the newest `maxTaggedImages` tagged images stay. */
export function lifecyclePolicyDocument(maxTaggedImages: number, untaggedExpiryDays: number, tagPrefixes?: readonly string[]): string {
    const tagged = tagPrefixes && tagPrefixes.length > 0
        ? { tagStatus: "tagged", tagPrefixList: [...tagPrefixes] }
        : { tagStatus: "tagged", tagPatternList: ["*"] };
    return JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: `Expire untagged images after ${untaggedExpiryDays} days`,
                selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedExpiryDays },
                action: { type: "expire" },
            },
            {
                rulePriority: 2,
                description: `Keep the newest ${maxTaggedImages} tagged images`,
                selection: { ...tagged, countType: "imageCountMoreThan", countNumber: maxTaggedImages },
                action: { type: "expire" },
            },
        ],
    });
}

/** A repository policy that lets exactly these accounts pull images (never a `*` principal). */
export function pullPolicyDocument(partition: string, accountIds: readonly string[]): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CrossAccountPull",
                Effect: "Allow",
                Principal: { AWS: accountIds.map((id) => `arn:${partition}:iam::${id}:root`) },
                Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            },
        ],
    });
}

/** Reads `.dockerignore` lines as simple glob patterns (`*`, `**`, `?`, leading `/`, `!` exceptions). */
function dockerignoreMatcher(context: string): (relative: string) => boolean {
    const file = path.join(context, ".dockerignore");
    if (!fs.existsSync(file)) {
        return () => false;
    }
    const rules = fs.readFileSync(file, "utf8").split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#")).map((line) => {
        const negate = line.startsWith("!");
        const pattern = (negate ? line.slice(1) : line).replace(/^\/+/, "").replace(/\/+$/, "");
        const source = pattern.split("**").map((part) => part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")).join(".*");
        return { negate, regex: new RegExp(`^${source}(/.*)?$`) };
    });
    return (relative) => rules.reduce((ignored, rule) => (rule.regex.test(relative) ? !rule.negate : ignored), false);
}

/** The files of a build context that Docker would send, as sorted relative paths. */
export function contextFiles(context: string): string[] {
    const ignored = dockerignoreMatcher(context);
    const files: string[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            const relative = path.relative(context, full).split(path.sep).join("/");
            if (ignored(relative)) {
                continue;
            }
            if (entry.isDirectory()) {
                walk(full);
            } else if (entry.isFile()) {
                files.push(relative);
            }
        }
    };
    walk(context);
    return files.sort();
}

/** What goes into a build, for its content hash. */
export interface BuildInputs {
    context: string;
    dockerfile?: string;
    platform?: string;
    args?: Record<string, string>;
    target?: string;
}

/**
 * A tag that changes exactly when what goes into the build changes: every context file's path and bytes,
 * the Dockerfile, build args, platform and target. Unchanged sources keep the tag (and push nothing); changed
 * sources get a new tag, which an immutable repository requires.
 */
export function contentTag(build: BuildInputs): string {
    const hash = createHash("sha256");
    const dockerfile = build.dockerfile ?? DEFAULT_DOCKERFILE;
    hash.update(`platform=${build.platform ?? DEFAULT_BUILD_PLATFORM}\0target=${build.target ?? ""}\0dockerfile=${dockerfile}\0`);
    for (const [key, value] of Object.entries(build.args ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
        hash.update(`arg:${key}=${value}\0`);
    }
    const files = new Set(contextFiles(build.context));
    files.add(dockerfile);
    for (const file of [...files].sort()) {
        hash.update(`file:${file}\0`);
        hash.update(fs.readFileSync(path.resolve(build.context, file)));
        hash.update("\0");
    }
    return `sha-${hash.digest("hex").slice(0, 12)}`;
}
