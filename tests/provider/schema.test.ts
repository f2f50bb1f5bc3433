/**
 * schema.json is the contract Python and Go users program against (their SDKs are generated from it). It must
 * describe every input and output, carry the enumerations as schema enums, require exactly the args the
 * TypeScript interfaces require, and expose the public API of issue 2. (That it is the schema the plugin infers is
 * checked against the running plugin, through the CLI, in tests/engine/schema.test.ts.)
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { Architecture, ContainerInsights, DeploymentStrategy, ImagePlatform, ImageTagMutability, NatGateways } from "../../components";

const ROOT = path.resolve(__dirname, "..", "..");

interface SchemaProperty {
    type?: string;
    $ref?: string;
    description?: string;
    items?: SchemaProperty;
    additionalProperties?: SchemaProperty;
}
interface SchemaObject {
    type?: string;
    description?: string;
    properties?: Record<string, SchemaProperty>;
    inputProperties?: Record<string, SchemaProperty>;
    required?: string[];
    requiredInputs?: string[];
    enum?: { name: string; value: string; description?: string }[];
}

const schema: { name: string; resources: Record<string, SchemaObject>; types: Record<string, SchemaObject> } = JSON.parse(
    fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"),
);
const TOKEN = (name: string) => `ecs-fargate:index:${name}`;

/** Every interface declared in components/, by name: its properties (inherited ones included) and whether each is optional. */
function interfaces(): Map<string, Map<string, boolean>> {
    const own = new Map<string, { props: Map<string, boolean>; bases: string[] }>();
    const dir = path.join(ROOT, "components");
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
        const source = ts.createSourceFile(file, fs.readFileSync(path.join(dir, file), "utf8"), ts.ScriptTarget.ES2022, true);
        source.forEachChild((node) => {
            if (ts.isInterfaceDeclaration(node)) {
                const props = new Map<string, boolean>();
                for (const member of node.members) {
                    if (ts.isPropertySignature(member)) {
                        props.set(member.name.getText(source), member.questionToken !== undefined);
                    }
                }
                const bases = (node.heritageClauses ?? []).flatMap((c) => c.types.map((t) => t.expression.getText(source)));
                own.set(node.name.text, { props, bases });
            }
        });
    }
    const flatten = (name: string): Map<string, boolean> => {
        const entry = own.get(name)!;
        return new Map([...entry.bases.flatMap((b) => [...flatten(b)]), ...entry.props]);
    };
    return new Map([...own.keys()].map((name) => [name, flatten(name)]));
}

describe("schema.json", () => {
    it("names the package ecs-fargate and has exactly the five components", () => {
        assert.equal(schema.name, "ecs-fargate");
        assert.deepEqual(Object.keys(schema.resources).sort(), ["FargateCluster", "LoadBalancer", "Registry", "WebService", "WorkerService"].map(TOKEN));
    });

    it("describes every input and output of every component and type", () => {
        const missing: string[] = [];
        for (const [token, object] of [...Object.entries(schema.resources), ...Object.entries(schema.types)]) {
            for (const [kind, props] of [["input", object.inputProperties], ["output", object.properties]] as const) {
                for (const [name, prop] of Object.entries(props ?? {})) {
                    if (!prop.description || prop.description.trim().length < 10) {
                        missing.push(`${token} ${kind} ${name}`);
                    }
                }
            }
            for (const value of object.enum ?? []) {
                if (!value.description) {
                    missing.push(`${token} enum value ${value.name}`);
                }
            }
        }
        assert.deepEqual(missing, []);
    });

    it("carries each enumeration as a string enum with the TypeScript names and values", () => {
        const enums: Record<string, Record<string, string>> = { Architecture, ContainerInsights, DeploymentStrategy, ImagePlatform, ImageTagMutability, NatGateways };
        const inSchema = Object.entries(schema.types).filter(([, t]) => t.enum).map(([token]) => token).sort();
        assert.deepEqual(inSchema, Object.keys(enums).map(TOKEN).sort());
        for (const [name, values] of Object.entries(enums)) {
            const type = schema.types[TOKEN(name)];
            assert.equal(type.type, "string", name);
            assert.deepEqual(type.enum!.map((v) => [v.name, v.value]), Object.entries(values), name);
        }
    });

    it("refers to the enumerations wherever an argument takes one", () => {
        const refs = (token: string, prop: string) => {
            const object = schema.resources[token] ?? schema.types[token];
            return object.inputProperties?.[prop]?.$ref ?? object.properties?.[prop]?.$ref;
        };
        assert.equal(refs(TOKEN("Registry"), "imageTagMutability"), `#/types/${TOKEN("ImageTagMutability")}`);
        assert.equal(refs(TOKEN("RegistryBuild"), "platform"), `#/types/${TOKEN("ImagePlatform")}`);
        assert.equal(refs(TOKEN("FargateCluster"), "containerInsights"), `#/types/${TOKEN("ContainerInsights")}`);
        assert.equal(refs(TOKEN("FargateCluster"), "natGateways"), `#/types/${TOKEN("NatGateways")}`);
        assert.equal(refs(TOKEN("WebService"), "architecture"), `#/types/${TOKEN("Architecture")}`);
    });

    it("resolves every type reference", () => {
        const dangling: string[] = [];
        const visit = (where: string, prop: SchemaProperty | undefined) => {
            if (!prop) {
                return;
            }
            if (prop.$ref && !schema.types[prop.$ref.replace("#/types/", "")]) {
                dangling.push(`${where} → ${prop.$ref}`);
            }
            visit(where, prop.items);
            visit(where, prop.additionalProperties);
        };
        for (const [token, object] of [...Object.entries(schema.resources), ...Object.entries(schema.types)]) {
            for (const [name, prop] of Object.entries({ ...object.inputProperties, ...object.properties })) {
                visit(`${token}.${name}`, prop);
            }
        }
        assert.deepEqual(dangling, []);
    });

    it("requires exactly the args the TypeScript interfaces require, for components and nested types", () => {
        const declared = interfaces();
        const required = (props: Map<string, boolean>) => [...props].filter(([, optional]) => !optional).map(([name]) => name).sort();
        for (const [token, object] of Object.entries(schema.resources)) {
            const props = declared.get(`${token.split(":")[2]}Args`)!;
            assert.deepEqual(Object.keys(object.inputProperties ?? {}).sort(), [...props.keys()].sort(), `${token} inputs`);
            assert.deepEqual([...(object.requiredInputs ?? [])].sort(), required(props), `${token} required inputs`);
        }
        for (const [token, object] of Object.entries(schema.types).filter(([, t]) => !t.enum)) {
            const props = declared.get(token.split(":")[2])!;
            assert.ok(props, `an interface for ${token}`);
            assert.deepEqual([...(object.required ?? [])].sort(), required(props), `${token} required properties`);
        }
    });

    it("requires of WebService and WorkerService exactly the cluster, network and image, of LoadBalancer its network, and nothing of Registry or FargateCluster", () => {
        assert.deepEqual([...schema.resources[TOKEN("WebService")].requiredInputs!].sort(), ["clusterArn", "image", "subnetIds", "vpcId"]);
        assert.deepEqual([...schema.resources[TOKEN("WorkerService")].requiredInputs!].sort(), ["clusterArn", "image", "subnetIds", "vpcId"]);
        assert.deepEqual([...schema.resources[TOKEN("LoadBalancer")].requiredInputs!].sort(), ["subnetIds", "vpcId"]);
        assert.deepEqual(schema.resources[TOKEN("Registry")].requiredInputs, []);
        assert.deepEqual(schema.resources[TOKEN("FargateCluster")].requiredInputs, []);
    });

    it("exposes exactly the outputs of the public API", () => {
        const outputs = (name: string) => Object.keys(schema.resources[TOKEN(name)].properties ?? {}).sort();
        assert.deepEqual(outputs("Registry"), ["imageTag", "imageUri", "registryId", "repositoryArn", "repositoryName", "repositoryUrl"]);
        assert.deepEqual(outputs("FargateCluster"), ["clusterArn", "clusterName", "namespaceArn", "privateSubnetIds", "publicSubnetIds", "vpcId"]);
        assert.deepEqual(outputs("WebService"), [
            "executionRoleArn", "loadBalancerArn", "loadBalancerDnsName", "loadBalancerSecurityGroupId", "logGroupName", "securityGroupId",
            "serviceArn", "serviceName", "targetGroupArn", "taskDefinitionArn", "taskRoleArn", "url",
        ]);
        assert.deepEqual(outputs("WorkerService"), ["executionRoleArn", "logGroupName", "securityGroupId", "serviceArn", "serviceName", "taskDefinitionArn", "taskRoleArn"]);
        assert.deepEqual(outputs("LoadBalancer"), ["arnSuffix", "dnsName", "listenerArn", "loadBalancerArn", "securityGroupId", "url"]);
    });
});
