/**
 * Pure builders and validation for `Registry`: the lifecycle and pull policies, and the content-hash tag (from the
 * Docker provider's own context digest, `buildContext.ts`).
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { REGISTRY_KEYS, unknownArguments } from "./argKeys";
import { BuildContextError, contextDigest } from "./buildContext";
import { DEFAULT_BUILD_PLATFORM, DEFAULT_DOCKERFILE } from "./defaults";
import { RULES } from "./awsRules";
import { checkAccountId, checkArn, checkInteger, checkOneOf, checkTags, checkText, known, quote } from "./validate";
import { ImagePlatform, ImageTagMutability, RegistryArgs } from "./registryArgs";

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
                        : checkBuildContext(build),
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

/**
 * The Dockerfile path the Docker provider is given (`build.dockerfile`): the Dockerfile, relative to the context,
 * joined to the context, relative to the program's folder. Its ignore file is this path plus `.dockerignore`.
 */
export function imageDockerfilePath(build: { context: string; dockerfile?: string }): string {
    return path.join(build.context, build.dockerfile ?? DEFAULT_DOCKERFILE);
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
 * A tag that changes exactly when `@pulumi/docker`'s Image would rebuild. The provider rebuilds when an input
 * changes (`build.context`, `build.dockerfile`, `platform`, `args`, `target`) or when its `contextDigest` changes:
 * the Dockerfile's bytes, and every file the ignore file keeps with its path, mode and bytes, every symlink with
 * its target (see `buildContext.ts`). So a `chmod`, another umask, a retargeted symlink or a `<Dockerfile>.dockerignore`
 * gives a new tag, and an IMMUTABLE repository never sees a second push under one tag; an unchanged build keeps its
 * tag and pushes nothing.
 */
export function contentTag(build: BuildInputs): string {
    const dockerfile = imageDockerfilePath(build);
    const material = {
        context: build.context,
        dockerfile,
        platform: build.platform ?? DEFAULT_BUILD_PLATFORM,
        target: build.target ?? "",
        args: Object.entries(build.args ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        contextDigest: contextDigest(build.context, dockerfile),
    };
    return `sha-${createHash("sha256").update(JSON.stringify(material)).digest("hex").slice(0, 12)}`;
}

/** The problem the Docker provider would have reading the build context (a bad ignore pattern, a socket), if any. */
export function checkBuildContext(build: BuildInputs): string | undefined {
    try {
        contextDigest(build.context, imageDockerfilePath(build));
        return undefined;
    } catch (error) {
        if (error instanceof BuildContextError) {
            return `\`build.context\` ${quote(build.context)} cannot be hashed as the Docker provider hashes it: ${error.message}.`;
        }
        throw error;
    }
}
