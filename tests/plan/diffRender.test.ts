import * as assert from "assert";
import { planDiff } from "../../plan/diffPlan";
import { changeText, renderDiffMarkdown, renderDiffText } from "../../plan/renderDiff";
import { changeStack } from "./diffFixtures";

const SIDE = { label: "git main (abc1234)", project: "shop", stack: "dev" };

function renamedTargetGroupAndNat() {
    return planDiff(changeStack({}).resources, changeStack({ targetGroupName: "web-tg-http-9090", natGateways: 1 }).resources, { base: SIDE, head: { ...SIDE, label: "working tree" } });
}

describe("plan of a change: reports", () => {
    it("plan-diff.md starts with the verdict, then the risks, changes, cost, rollout and diagram sections in that order", () => {
        const md = renderDiffMarkdown(renamedTargetGroupAndNat());
        const lines = md.split("\n");
        assert.strictEqual(lines[0], "**+$36.50/month, replaces web-tg, rollout ≈ 3 min**");
        const headings = lines.filter((l) => l.startsWith("### "));
        assert.deepStrictEqual(headings, ["### Risks (0)", "### Changes", "### Monthly cost: $45.45 → $81.95 (+$36.50)", "### Rollout: 1 min 27 s – 2 min 39 s", "### Diagram"]);
        assert.ok(md.includes("| +- | replace | web-tg | lb/targetGroup | name: web-tg-http-8080 → web-tg-http-9090 (forces replacement) [create, then delete] |"), md);
        assert.ok(md.includes("| main-nat-1 | ec2/natGateway | $0.00 | $32.85 | +$32.85 | NAT gateway hours |"));
    });

    it("the diagram marks created, updated and replaced resources with their classes", () => {
        const d = renamedTargetGroupAndNat();
        const classLines = d.diagram.split("\n").filter((l) => /^\s+class /.test(l)).map((l) => l.trim());
        const id = (label: string) => /\s(n\d+)\["/.exec(d.diagram.split("\n").find((l) => l.includes(`<br/>${label}"]`))!)![1];
        assert.deepStrictEqual(classLines, [`class ${id("main-nat-1")} create`, `class ${id("web-tg")} replace`, `class ${id("web-http")} update`, `class ${id("web")} update`]);
        assert.ok(d.diagram.includes("classDef replace fill:#ffd6d6"));
    });

    it("a deleted resource is listed in a note of the diagram", () => {
        const d = planDiff(changeStack({ natGateways: 1 }).resources, changeStack({}).resources, { base: SIDE, head: SIDE });
        assert.ok(d.diagram.includes('deleted["deleted: main-nat-1-eip, main-nat-1"]'), d.diagram);
        assert.strictEqual(d.verdict, "-$36.50/month, no replacements, deletes main-nat-1-eip, main-nat-1, rollout ≈ 13 s");
    });

    it("the terminal report carries the same verdict and counts", () => {
        const text = renderDiffText(renamedTargetGroupAndNat());
        assert.strictEqual(text.split("\n")[0], "+$36.50/month, replaces web-tg, rollout ≈ 3 min");
        assert.ok(text.includes("Changes: 2 to create, 2 to update, 1 to replace, 0 to delete, 14 unchanged"));
        assert.ok(text.includes("critical path: main-nat-1-eip → main-nat-1, then deletions (1 s – 13 s)"));
    });

    it("an input computed from a replaced resource says which one", () => {
        const d = renamedTargetGroupAndNat();
        assert.strictEqual(changeText(d.changes.find((c) => c.name === "web-http")!), "defaultActions (from replaced web-tg)");
    });

    it("a changed secret input shows as [secret] on both sides, never its value", () => {
        const secret = (value: string) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
        const base = changeStack({});
        const head = changeStack({});
        const logs = (rs: typeof base.resources) => rs.find((r) => r.name === "web-logs")!;
        logs(base.resources).inputs = { ...logs(base.resources).inputs, kmsKeyId: secret("key-one") };
        logs(head.resources).inputs = { ...logs(head.resources).inputs, kmsKeyId: secret("key-two") };
        const d = planDiff(base.resources, head.resources, { base: SIDE, head: SIDE });
        assert.deepStrictEqual(d.changes.map((c) => [c.name, c.kind, c.values]), [["web-logs", "update", { kmsKeyId: { before: "[secret]", after: "[secret]" } }]]);
        assert.ok(!renderDiffMarkdown(d).includes("key-two") && !JSON.stringify(d).includes("key-two"));
    });
});
