/**
 * The arguments of a `Registry`, with their enumerations: the cross-language contract (Python and Go users see
 * exactly these).
 */
import * as pulumi from "@pulumi/pulumi";

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
     * the repository. Unless `forceDelete` is true the old repository is kept in the account with its images, and the
     * new one cannot take its name: the update stops (RepositoryAlreadyExistsException) with nothing lost. Change
     * `repositoryName` together with the key (a `build` pushes its image again), or set `forceDelete` to delete the
     * old repository and its images. Defaults to AES256 encryption with an AWS-owned key.
     */
    kmsKeyArn?: pulumi.Input<string>;
    /** Lifecycle policy: which images expire. Defaults to keeping 30 tagged images and expiring untagged ones after 7 days. */
    lifecycle?: RegistryLifecycle;
    /**
     * Delete the repository, with its images, on `pulumi destroy`. Defaults to `false`: destroy then leaves the
     * repository and its images in the account and drops it from the stack.
     */
    forceDelete?: pulumi.Input<boolean>;
    /** AWS account IDs allowed to pull images from this repository. Defaults to none (only this account). */
    pullAccountIds?: pulumi.Input<string>[];
    /** Build and push one image from a Dockerfile. Defaults to no build (the repository only). */
    build?: RegistryBuild;
    /** Tags applied to the repository. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}
