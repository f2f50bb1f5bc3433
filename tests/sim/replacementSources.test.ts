/**
 * Holds sim/replacements.ts against its sources: the snapshot tests/sim/replacementSources.json (CloudFormation's
 * createOnlyProperties and CDK's causesReplacement, written by tools/replacement-sources.sh) and the `@pulumi/aws`
 * and `@pulumi/docker` typings installed here (every property the table names is an input of its resource).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPLACEMENTS } from "../../sim/replacements";

interface Sources {
    types: Record<string, { createOnly: string[]; cdkYes: string[]; cdkMaybe: string[] }>;
}
const SOURCES: Sources = JSON.parse(fs.readFileSync(path.join(__dirname, "replacementSources.json"), "utf8"));
const ROOT = path.resolve(__dirname, "..", "..");

/** The input property names of a resource type, from its `XArgs` interface in the installed SDK's typings. */
function inputsOf(type: string): string[] {
    const [pkg, module] = type.split(":");
    const [folder, file] = module.split("/");
    const name = type.split(":")[2];
    const dts = pkg === "docker" ? path.join(ROOT, "node_modules", "@pulumi", "docker", `${file}.d.ts`) : path.join(ROOT, "node_modules", "@pulumi", pkg, folder, `${file}.d.ts`);
    const text = fs.readFileSync(dts, "utf8");
    const start = text.indexOf(`export interface ${name}Args {`);
    assert.ok(start >= 0, `${dts} has no ${name}Args`);
    const body = text.slice(start, text.indexOf("\n}", start));
    return [...body.matchAll(/^ {4}(?:readonly )?([A-Za-z0-9]+)\??:/gm)].map((m) => m[1]);
}

describe("replacement table against its sources", () => {
    for (const [type, entry] of Object.entries(REPLACEMENTS)) {
        it(`${type}: every property is an input of the resource`, () => {
            const inputs = inputsOf(type);
            for (const p of [...entry.rules.map((r) => r.property), ...(entry.inPlace ?? []).map((e) => e.property)]) {
                assert.ok(inputs.includes(p), `${type} has no input ${p}; inputs: ${inputs.join(", ")}`);
            }
        });
        if (!entry.cfnType) {
            continue;
        }
        it(`${type}: CloudFormation create-only and CDK causesReplacement, as ${entry.cfnType}'s schema and CDK say`, () => {
            const src = SOURCES.types[entry.cfnType!];
            assert.ok(src, `no snapshot of ${entry.cfnType}: run tools/replacement-sources.sh`);
            for (const rule of entry.rules.filter((r) => r.cfn)) {
                const createOnly = rule.createOnly !== false;
                assert.strictEqual(src.createOnly.includes(rule.cfn!), createOnly, `${type} ${rule.property}: ${rule.cfn} create-only is ${!createOnly} in CloudFormation`);
                const cdk = src.cdkYes.includes(rule.cfn!) ? "yes" : src.cdkMaybe.includes(rule.cfn!) ? "maybe" : undefined;
                assert.strictEqual(rule.cdk, cdk, `${type} ${rule.property}: CDK's causesReplacement of ${rule.cfn}`);
            }
            for (const e of entry.inPlace ?? []) {
                assert.ok(src.createOnly.includes(e.cfn) || src.cdkYes.includes(e.cfn) || src.cdkMaybe.includes(e.cfn), `${type}: in-place exception ${e.cfn} is not a replacement in CloudFormation or CDK`);
            }
        });
        it(`${type}: every CloudFormation create-only or CDK replacing property is accounted for`, () => {
            const src = SOURCES.types[entry.cfnType!];
            const known = new Set([...entry.rules.map((r) => r.cfn), ...(entry.inPlace ?? []).map((e) => e.cfn), ...Object.keys(entry.cfnOnly ?? {})]);
            const missing = [...new Set([...src.createOnly, ...src.cdkYes, ...src.cdkMaybe])].filter((p) => !known.has(p));
            assert.deepStrictEqual(missing, [], `${type}: add a rule, an inPlace exception or a cfnOnly reason for each`);
        });
    }
});
