/**
 * Renders the README's argument and output tables from schema.json, the one description of the components that
 * TypeScript, Python and Go users share. `npm run docs` rewrites the tables between the README's markers;
 * tests/docs.test.ts fails when the README and the schema disagree.
 */
import * as fs from "fs";
import * as path from "path";

interface Property { type?: string; $ref?: string; items?: Property; additionalProperties?: Property; description?: string }
interface Schema {
    resources: Record<string, { inputProperties: Record<string, Property>; requiredInputs?: string[]; properties: Record<string, Property> }>;
    types: Record<string, { type: string; properties?: Record<string, Property>; required?: string[]; enum?: { value: string }[] }>;
}

function typeName(p: Property): string {
    if (p.$ref) {
        return p.$ref.split(":").pop()!;
    }
    if (p.type === "array" && p.items) {
        return `${typeName(p.items)}[]`;
    }
    if (p.type === "object" && p.additionalProperties) {
        return `map of ${typeName(p.additionalProperties)}`;
    }
    return p.type ?? "any";
}

function cell(text: string | undefined): string {
    return (text ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function table(properties: Record<string, Property>, required: string[], withRequired: boolean): string {
    const header = withRequired ? "| argument | type | required | description |\n|---|---|---|---|" : "| output | type | description |\n|---|---|---|";
    const rows = Object.entries(properties).map(([name, p]) => withRequired
        ? `| \`${name}\` | ${typeName(p)} | ${required.includes(name) ? "yes" : ""} | ${cell(p.description)} |`
        : `| \`${name}\` | ${typeName(p)} | ${cell(p.description)} |`);
    return [header, ...rows].join("\n");
}

/** The Markdown reference of one component: its args, their nested types, and its outputs. */
export function componentReference(schema: Schema, component: string): string {
    const resource = schema.resources[`ecs-fargate:index:${component}`];
    const parts = [table(resource.inputProperties, resource.requiredInputs ?? [], true)];
    const nested = new Set<string>();
    const visit = (props: Record<string, Property>) => {
        for (const p of Object.values(props)) {
            const ref = p.$ref ?? p.items?.$ref;
            const t = ref ? schema.types[ref.replace("#/types/", "")] : undefined;
            const name = ref?.split(":").pop();
            if (t && name && !nested.has(name) && t.properties) {
                nested.add(name);
                parts.push(`\n\`${name}\`:\n\n${table(t.properties, t.required ?? [], true)}`);
                visit(t.properties);
            }
        }
    };
    visit(resource.inputProperties);
    parts.push(`\nOutputs:\n\n${table(resource.properties, [], false)}`);
    return parts.join("\n");
}

const MARKER = (component: string, end: boolean) => `<!-- ${end ? "end " : ""}generated: ${component} args (npm run docs) -->`;

/** The README with every generated section replaced by what the schema says now. */
export function renderReadme(readme: string, schema: Schema): string {
    let out = readme;
    for (const component of ["Registry", "FargateCluster", "WebService", "LoadBalancer", "WorkerService"]) {
        const start = out.indexOf(MARKER(component, false));
        const end = out.indexOf(MARKER(component, true));
        if (start < 0 || end < start) {
            throw new Error(`README.md lacks the markers around the ${component} reference`);
        }
        out = `${out.slice(0, start + MARKER(component, false).length)}\n${componentReference(schema, component)}\n${out.slice(end)}`;
    }
    return out;
}

if (require.main === module) {
    const root = path.resolve(__dirname, "..");
    const schema = JSON.parse(fs.readFileSync(path.join(root, "schema.json"), "utf8"));
    const file = path.join(root, "README.md");
    fs.writeFileSync(file, renderReadme(fs.readFileSync(file, "utf8"), schema));
    console.log("README.md argument tables regenerated from schema.json");
}
