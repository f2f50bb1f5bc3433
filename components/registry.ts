import * as aws from "./aws";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import {
    DEFAULT_BUILD_PLATFORM, DEFAULT_FORCE_DELETE, DEFAULT_IMAGE_TAG_MUTABILITY,
    DEFAULT_MAX_TAGGED_IMAGES, DEFAULT_SCAN_ON_PUSH, DEFAULT_UNTAGGED_EXPIRY_DAYS,
} from "./defaults";
import { repositoryNameFrom } from "./names";
import { ImagePlatform, ImageTagMutability, RegistryArgs } from "./registryArgs";
import { contentTag, imageDockerfilePath, lifecyclePolicyDocument, pullPolicyDocument, validateRegistryArgs } from "./registryBuilders";
import { throwIfInvalid } from "./validate";

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
        const forceDelete = args.forceDelete ?? DEFAULT_FORCE_DELETE;
        const repository = new aws.ecr.Repository(name, {
            name: args.repositoryName ?? repositoryNameFrom(name),
            imageTagMutability: args.imageTagMutability ?? DEFAULT_IMAGE_TAG_MUTABILITY,
            imageScanningConfiguration: { scanOnPush: args.scanOnPush ?? DEFAULT_SCAN_ON_PUSH },
            encryptionConfigurations: [kmsKeyArn ? { encryptionType: "KMS", kmsKey: kmsKeyArn } : { encryptionType: "AES256" }],
            forceDelete,
            tags: args.tags,
        }, {
            parent: this,
            // Name and encryption force a new repository (createOnlyProperties of AWS::ECR::Repository: RepositoryName,
            // EncryptionConfiguration), and the name is fixed (given, or derived from the component name), so a new
            // repository can only be created once the old one is gone.
            deleteBeforeReplace: true,
            // AWS refuses to delete a repository that still holds images unless forced (DeleteRepository:
            // RepositoryNotEmptyException, https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DeleteRepository.html),
            // and the images pushed here stay in it (the Docker provider deletes only its local copy). Unless
            // `forceDelete` is true, destroy keeps the repository: it succeeds and no image is lost. A replacement under
            // the same name then stops at CreateRepository (RepositoryAlreadyExistsException) with the old repository
            // and its images intact: rename it (`repositoryName`) to move to new encryption.
            retainOnDelete: forceDelete !== true,
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
