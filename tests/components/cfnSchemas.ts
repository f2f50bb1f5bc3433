/**
 * AWS's CloudFormation registry schemas (fetched by tools/fetch-cfn-schemas.sh into build/cfn-schemas/) and the
 * mapping (cfnMapping.json) from each Pulumi type and input to its CloudFormation type and property: the physical
 * values a stack sets, and what AWS's schema says of each.
 */
import * as fs from "fs";
import * as path from "path";
import { RANGES, RULES, satisfiesNumber, textViolation } from "../../components/awsRules";
import { RecordedResource } from "../../sim/types";

const ROOT = path.resolve(__dirname, "..", "..");
export const SCHEMA_DIR = path.join(ROOT, "build", "cfn-schemas");

export interface Target {
    cfn: string;
    suffix?: string;
    skip?: unknown[];
    map?: Record<string, string>;
    string?: boolean;
    /** The provider takes a number as text (pulumi-aws's ECS bake times) and sends it to AWS as a number. */
    number?: boolean;
}
interface TypeMapping {
    cfnType: string;
    properties: Record<string, string | Target>;
    notInCfn?: Record<string, string>;
}
export interface Mapping {
    resources: Record<string, TypeMapping>;
    notMapped: Record<string, string>;
    rules: Record<string, Record<string, string>>;
}
export const MAPPING: Mapping = JSON.parse(fs.readFileSync(path.join(__dirname, "cfnMapping.json"), "utf8"));

export function target(t: string | Target): Target {
    return typeof t === "string" ? { cfn: t } : t;
}

const schemas = new Map<string, any>();
/** The registry schema of a CloudFormation type; fails with what to run when it was not fetched. */
export function schemaOf(cfnType: string): any {
    if (!schemas.has(cfnType)) {
        const file = path.join(SCHEMA_DIR, `${cfnType.replace(/::/g, "__")}.json`);
        if (!fs.existsSync(file)) {
            throw new Error(`no ${file}: run tools/fetch-cfn-schemas.sh (npm test runs it)`);
        }
        schemas.set(cfnType, JSON.parse(fs.readFileSync(file, "utf8")));
    }
    return schemas.get(cfnType);
}

function deref(schema: any, node: any): any {
    let current = node;
    while (current && typeof current.$ref === "string") {
        const name = current.$ref.replace("#/definitions/", "");
        current = { ...schema.definitions[name], ...Object.fromEntries(Object.entries(current).filter(([k]) => k !== "$ref")) };
    }
    return current;
}

/** The schema node of a property path such as `ContainerDefinitions[].PortMappings[].ContainerPort`, or undefined. */
export function propertySchema(cfnType: string, cfnPath: string): any {
    const schema = schemaOf(cfnType);
    let node: any = { properties: schema.properties };
    for (const segment of cfnPath.split(".")) {
        const name = segment.replace(/\[\]$/, "");
        node = deref(schema, node.properties?.[name]);
        if (node === undefined) {
            return undefined;
        }
        if (segment.endsWith("[]")) {
            node = deref(schema, node.items);
            if (node === undefined) {
                return undefined;
            }
        }
    }
    return node;
}

/** A schema pattern as a JS regex: Python's `\Z` is `$`, and `\p{Print}` is any character but a control character. */
export function patternRegex(pattern: string): RegExp {
    const source = pattern.replace(/\\Z/g, "$").replace(/\\p\{Print\}/g, "\\P{Cc}");
    try {
        return new RegExp(source, "u");
    } catch {
        return new RegExp(source);
    }
}

/** What the schema node says is wrong with `value`, if anything. */
export function schemaProblems(node: any, value: unknown): string[] {
    const problems: string[] = [];
    const types: string[] = node.type === undefined ? [] : [node.type].flat();
    if (typeof value === "string") {
        if (types.length > 0 && !types.includes("string")) {
            problems.push(`is a string; the schema wants ${types.join(" or ")}`);
        }
        if (node.pattern !== undefined && !patternRegex(node.pattern).test(value)) {
            problems.push(`does not match ${node.pattern}`);
        }
        if (node.minLength !== undefined && value.length < node.minLength) {
            problems.push(`is shorter than ${node.minLength}`);
        }
        if (node.maxLength !== undefined && value.length > node.maxLength) {
            problems.push(`is longer than ${node.maxLength}`);
        }
    } else if (typeof value === "number") {
        if (types.length > 0 && !types.includes("integer") && !types.includes("number")) {
            problems.push(`is a number; the schema wants ${types.join(" or ")}`);
        }
        if (types.includes("integer") && !types.includes("number") && !Number.isInteger(value)) {
            problems.push("is not an integer");
        }
        if (node.minimum !== undefined && value < node.minimum) {
            problems.push(`is below ${node.minimum}`);
        }
        if (node.maximum !== undefined && value > node.maximum) {
            problems.push(`is above ${node.maximum}`);
        }
    } else if (typeof value === "boolean") {
        if (types.length > 0 && !types.includes("boolean")) {
            problems.push(`is a boolean; the schema wants ${types.join(" or ")}`);
        }
    }
    if (node.enum !== undefined && !node.enum.includes(value)) {
        problems.push(`is not one of ${JSON.stringify(node.enum)}`);
    }
    return problems;
}

/** The name Pulumi gives a resource that sets neither `name` nor `namePrefix`: `<resource name>-<7 hex digits>`. */
export const AUTONAME_SUFFIX = "-1a2b3c4";

/** The values at a Pulumi path in a resource (`autoname`: the name Pulumi gives it, if it gives one). */
export function valuesAt(resource: RecordedResource, pulumiPath: string): unknown[] {
    if (pulumiPath === "autoname") {
        return resource.inputs.name === undefined && resource.inputs.namePrefix === undefined ? [`${resource.name}${AUTONAME_SUFFIX}`] : [];
    }
    let values: unknown[] = [resource.inputs];
    for (const raw of pulumiPath.split(".")) {
        const [, key, json, mapPart, each] = /^([^#{[]+)(#)?(\{key\}|\{value\})?(\[\])?$/.exec(raw) ?? [];
        values = values.flatMap((v) => {
            let next = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
            if (next === undefined || next === null) {
                return [];
            }
            if (json && typeof next === "string") {
                next = JSON.parse(next);
            }
            if (mapPart === "{key}") {
                return Object.keys(next as object);
            }
            if (mapPart === "{value}") {
                return Object.values(next as object);
            }
            return each ? (Array.isArray(next) ? next : []) : [next];
        });
    }
    return values;
}

/** One physical value a stack sets, with where it goes in CloudFormation. */
export interface PhysicalValue {
    resource: string;
    pulumiPath: string;
    cfnType: string;
    cfnPath: string;
    value: unknown;
}

/** Every mapped physical value of the resources, transformed as it reaches AWS. */
export function physicalValues(resources: readonly RecordedResource[]): PhysicalValue[] {
    const found: PhysicalValue[] = [];
    for (const r of resources.filter((x) => x.custom && MAPPING.resources[x.type])) {
        const mapping = MAPPING.resources[r.type];
        for (const [pulumiPath, raw] of Object.entries(mapping.properties)) {
            const t = target(raw);
            for (const value of valuesAt(r, pulumiPath)) {
                if (t.skip?.includes(value)) {
                    continue;
                }
                const mapped = t.map ? t.map[String(value)] ?? value : value;
                const text = t.string ? String(mapped) : t.number && typeof mapped === "string" && mapped.trim() !== "" ? Number(mapped) : mapped;
                const final = t.suffix !== undefined && typeof text === "string" ? text + t.suffix : text;
                found.push({ resource: `${r.type}::${r.name}`, pulumiPath, cfnType: mapping.cfnType, cfnPath: t.cfn, value: final });
            }
        }
    }
    return found;
}

/** Each physical value that breaks its CloudFormation schema, as a readable line. */
export function schemaViolations(resources: readonly RecordedResource[]): string[] {
    return physicalValues(resources).flatMap((v) => {
        const node = propertySchema(v.cfnType, v.cfnPath);
        return node === undefined
            ? [`${v.resource} ${v.pulumiPath}: ${v.cfnType} has no ${v.cfnPath}`]
            : schemaProblems(node, v.value).map((p) => `${v.resource} ${v.pulumiPath} → ${v.cfnType} ${v.cfnPath}: ${JSON.stringify(v.value)} ${p}`);
    });
}

/** Each physical value that breaks the awsRules rule the mapping's `rules` assign to it, as a readable line. */
export function ruleViolations(resources: readonly RecordedResource[]): string[] {
    const lines: string[] = [];
    for (const r of resources.filter((x) => x.custom)) {
        for (const [pulumiPath, ruleName] of Object.entries(MAPPING.rules[r.type] ?? {})) {
            const raw = MAPPING.resources[r.type]?.properties[pulumiPath];
            const t = raw === undefined ? { cfn: "" } : target(raw);
            for (const value of valuesAt(r, pulumiPath)) {
                const full = t.suffix !== undefined && typeof value === "string" ? value + t.suffix : value;
                const problem = ruleName in RULES
                    ? typeof full === "string" ? textViolation(RULES[ruleName as keyof typeof RULES], full) : "is not a string"
                    : ruleName in RANGES
                        ? typeof full === "number" && satisfiesNumber(RANGES[ruleName as keyof typeof RANGES], full) ? undefined : `is outside ${ruleName}`
                        : `names no rule ${ruleName}`;
                if (problem !== undefined) {
                    lines.push(`${r.type}::${r.name} ${pulumiPath} ${JSON.stringify(full)} ${problem}`);
                }
            }
        }
    }
    return lines;
}

/** Input keys of the resources that the mapping neither maps nor explains, as `type key`. */
export function unmappedInputs(resources: readonly RecordedResource[]): string[] {
    const missing = new Set<string>();
    for (const r of resources.filter((x) => x.custom)) {
        if (MAPPING.notMapped[r.type] !== undefined) {
            continue;
        }
        const mapping = MAPPING.resources[r.type];
        if (mapping === undefined) {
            missing.add(`${r.type} (the whole type)`);
            continue;
        }
        const mappedRoots = new Set(Object.keys(mapping.properties).map((p) => p.split(/[.#{[]/)[0]));
        for (const key of Object.keys(r.inputs)) {
            if (!mappedRoots.has(key) && mapping.notInCfn?.[key] === undefined) {
                missing.add(`${r.type} ${key}`);
            }
        }
    }
    return [...missing].sort();
}
