import * as aws from "@pulumi/aws";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import {
    DEFAULT_BUILD_PLATFORM, DEFAULT_FORCE_DELETE, DEFAULT_IMAGE_TAG_MUTABILITY,
    DEFAULT_MAX_TAGGED_IMAGES, DEFAULT_SCAN_ON_PUSH, DEFAULT_UNTAGGED_EXPIRY_DAYS,
} from "./defaults";
import { repositoryNameFrom } from "./names";
import {
    contentTag, imageDockerfilePath, ImagePlatform, ImageTagMutability, lifecyclePolicyDocument, pullPolicyDocument, validateRegistryArgs,
} from "./registryBuilders";
import { throwIfInvalid } from "./validate";

/** How long the repository keeps images. */
export interface RegistryLifecycle {
    /** How many tagged images to keep; older tagged images expire. Defaults to `30`. */
    maxTaggedImages?: number;
    /** Only tags starting with one of these prefixes count towards `maxTaggedImages`. Defaults to every tagged image. */
    tagPrefixes?: string[];
    /** Days after which untagged images expire. Defaults to `7`. */
    untaggedExpiryDays?: number;
}

/** How to build and push the application image. */
export interface RegistryBuild {
    /** Path of the Docker build context (the folder holding the Dockerfile), relative to the program. */
    context: string;
    /** Path of the Dockerfile, relative to the context. Defaults to `Dockerfile`. */
    dockerfile?: string;
    /** Platform to build for; match the service's `architecture`. Defaults to `linux/amd64`. */
    platform?: ImagePlatform;
    /** Docker build arguments (`--build-arg`). */
    args?: { [key: string]: string };
    /** Stage of a multi-stage Dockerfile to build. Defaults to the last stage. */
    target?: string;
    /** Tag of the pushed image. Defaults to a hash of everything that goes into the build, so unchanged sources push nothing. */
    tag?: string;
}

/** Arguments of a `Registry`. */
export interface RegistryArgs {
    /** Name of the ECR repository. Defaults to one derived from the component name, unique per stack. */
    repositoryName?: pulumi.Input<string>;
    /** Whether image tags can be overwritten: `IMMUTABLE` or `MUTABLE`. Defaults to `IMMUTABLE`. */
    imageTagMutability?: pulumi.Input<ImageTagMutability>;
    /** Scan each image for known vulnerabilities when it is pushed. Defaults to `true`. */
    scanOnPush?: pulumi.Input<boolean>;
    /**
     * ARN of a KMS key to encrypt images with. ECR cannot change a repository's encryption, so changing this replaces
     * the repository: the old one is deleted first (a new one cannot take its name while it exists), which fails
     * while it still holds images unless `forceDelete` is true, and then its images are deleted with it; a `build`
     * pushes its image again, other images must be pushed again by hand. Defaults to AES256 encryption with an
     * AWS-owned key.
     */
    kmsKeyArn?: pulumi.Input<string>;
    /** Lifecycle policy: which images expire. Defaults to keeping 30 tagged images and expiring untagged ones after 7 days. */
    lifecycle?: RegistryLifecycle;
    /** Delete the repository on `pulumi destroy` even if it still holds images. Defaults to `false`. */
    forceDelete?: pulumi.Input<boolean>;
    /** AWS account IDs allowed to pull images from this repository. Defaults to none (only this account). */
    pullAccountIds?: pulumi.Input<string>[];
    /** Build and push one image from a Dockerfile. Defaults to no build (the repository only). */
    build?: RegistryBuild;
    /** Tags applied to the repository. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/**
 * An ECR repository with immutable tags, scan on push, encryption and a lifecycle policy, that can build and
 * push the application image and hands out its digest-pinned URI.
 */
export class Registry extends pulumi.ComponentResource {
    /** URL of the repository, `<account>.dkr.ecr.<region>.amazonaws.com/<name>`. */
    public readonly repositoryUrl: pulumi.Output<string>;
    /** ARN of the repository. */
    public readonly repositoryArn: pulumi.Output<string>;
    /** Name of the repository. */
    public readonly repositoryName: pulumi.Output<string>;
    /** ID of the registry (the AWS account) that holds the repository. */
    public readonly registryId: pulumi.Output<string>;
    /** Tag of the built image; empty when nothing is built. */
    public readonly imageTag: pulumi.Output<string>;
    /** The built image pinned by digest, `<repositoryUrl>@sha256:…`; empty when nothing is built. */
    public readonly imageUri: pulumi.Output<string>;

    constructor(name: string, args: RegistryArgs, opts: pulumi.ComponentResourceOptions = {}) {
        // Validate before registering anything, the component included: bad input leaves no trace in the stack.
        throwIfInvalid("Registry", name, validateRegistryArgs(args));
        super("ecs-fargate:index:Registry", name, {}, opts);

        const kmsKeyArn = args.kmsKeyArn;
        const repository = new aws.ecr.Repository(name, {
            name: args.repositoryName ?? repositoryNameFrom(name),
            imageTagMutability: args.imageTagMutability ?? DEFAULT_IMAGE_TAG_MUTABILITY,
            imageScanningConfiguration: { scanOnPush: args.scanOnPush ?? DEFAULT_SCAN_ON_PUSH },
            encryptionConfigurations: [kmsKeyArn ? { encryptionType: "KMS", kmsKey: kmsKeyArn } : { encryptionType: "AES256" }],
            forceDelete: args.forceDelete ?? DEFAULT_FORCE_DELETE,
            tags: args.tags,
        }, {
            parent: this,
            // Name and encryption force a new repository (createOnlyProperties of AWS::ECR::Repository: RepositoryName,
            // EncryptionConfiguration), and the name is fixed (given, or derived from the component name), so a new
            // repository can only be created once the old one is gone. The delete fails while the repository holds
            // images unless `forceDelete` is set: nothing is lost by default.
            deleteBeforeReplace: true,
        });

        new aws.ecr.LifecyclePolicy(`${name}-lifecycle`, {
            repository: repository.name,
            policy: lifecyclePolicyDocument(
                args.lifecycle?.maxTaggedImages ?? DEFAULT_MAX_TAGGED_IMAGES,
                args.lifecycle?.untaggedExpiryDays ?? DEFAULT_UNTAGGED_EXPIRY_DAYS,
                args.lifecycle?.tagPrefixes,
            ),
        }, { parent: this });

        if (args.pullAccountIds && args.pullAccountIds.length > 0) {
            new aws.ecr.RepositoryPolicy(`${name}-pull-policy`, {
                repository: repository.name,
                policy: pulumi.all([repository.arn, ...args.pullAccountIds]).apply(([arn, ...ids]) => pullPolicyDocument(arn.split(":")[1], ids)),
            }, { parent: this });
        }

        let imageTag: pulumi.Output<string> = pulumi.output("");
        let imageUri: pulumi.Output<string> = pulumi.output("");
        if (args.build) {
            const build = args.build;
            const tag = build.tag ?? contentTag(build);
            const credentials = aws.ecr.getAuthorizationTokenOutput({ registryId: repository.registryId }, { parent: this });
            const image = new docker.Image(`${name}-image`, {
                imageName: pulumi.interpolate`${repository.repositoryUrl}:${tag}`,
                build: {
                    context: build.context,
                    dockerfile: imageDockerfilePath(build),
                    platform: build.platform ?? DEFAULT_BUILD_PLATFORM,
                    args: build.args,
                    target: build.target,
                },
                registry: {
                    server: repository.repositoryUrl,
                    username: credentials.userName,
                    password: pulumi.secret(credentials.password),
                },
            }, { parent: this });
            imageTag = pulumi.output(tag);
            imageUri = image.repoDigest;
        }

        this.repositoryUrl = repository.repositoryUrl;
        this.repositoryArn = repository.arn;
        this.repositoryName = repository.name;
        this.registryId = repository.registryId;
        this.imageTag = imageTag;
        this.imageUri = imageUri;
        this.registerOutputs({
            repositoryUrl: this.repositoryUrl,
            repositoryArn: this.repositoryArn,
            repositoryName: this.repositoryName,
            registryId: this.registryId,
            imageTag: this.imageTag,
            imageUri: this.imageUri,
        });
    }
}
