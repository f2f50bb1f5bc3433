#!/usr/bin/env bash
# Regenerates tests/sim/replacementSources.json, the snapshot tests/sim/replacementSources.test.ts holds
# sim/replacements.ts against: for each CloudFormation type the table names, the top-level createOnlyProperties of
# its registry schema (the cfn-lint 1.58.0 wheel on PyPI) and the properties whose causesReplacement is "yes" or
# "maybe" in @aws-cdk/aws-service-spec 0.1.216 (npm). Needs python3 with pip, and npm; reaches only PyPI and the npm
# registry. Run it after adding a type to the table.
set -euo pipefail
cd "$(dirname "$0")/.."
cfn_lint=1.58.0
cdk_spec=0.1.216
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: "cfn-lint==$cfn_lint" -d "$work"
(cd "$work" && npm pack --silent "@aws-cdk/aws-service-spec@$cdk_spec" >/dev/null && tar -xzf aws-cdk-aws-service-spec-"$cdk_spec".tgz)
TS_NODE_TRANSPILE_ONLY=true node -r ts-node/register -e '
const { REPLACEMENTS } = require("./sim/replacements");
console.log(JSON.stringify([...new Set(Object.values(REPLACEMENTS).map((e) => e.cfnType).filter(Boolean))].sort()));
' > "$work/types.json"
python3 - "$work" "$cfn_lint" "$cdk_spec" <<'PY'
import glob, gzip, json, sys, zipfile
work, cfn_lint, cdk_spec = sys.argv[1:4]
types = json.load(open(f"{work}/types.json"))
wheel = glob.glob(f"{work}/cfn_lint-*.whl")[0]
db = json.load(gzip.open(f"{work}/package/db.json.gz"))
entities = db["schema"]["resource"]["entities"]
entities = list(entities.values()) if isinstance(entities, dict) else entities
out = {"sources": {"cfn": f"cfn-lint {cfn_lint} (PyPI): cfnlint/data/schemas/resources/*.json createOnlyProperties",
                   "cdk": f"@aws-cdk/aws-service-spec {cdk_spec} (npm): db.json.gz, resource properties' causesReplacement"},
       "types": {}}
with zipfile.ZipFile(wheel) as z:
    providers = json.loads(z.read("cfnlint/data/schemas/providers/us-east-1.json"))
    for t in types:
        schema = json.loads(z.read(f"cfnlint/data/schemas/resources/{providers[t]}.json"))
        create_only = sorted({p.split("/")[2] for p in schema.get("createOnlyProperties", [])})
        entity = next(e for e in entities if e.get("cloudFormationType") == t)
        props = entity.get("properties", {})
        out["types"][t] = {
            "createOnly": create_only,
            "cdkYes": sorted(k for k, p in props.items() if p.get("causesReplacement") == "yes"),
            "cdkMaybe": sorted(k for k, p in props.items() if p.get("causesReplacement") == "maybe"),
        }
json.dump(out, open("tests/sim/replacementSources.json", "w"), indent=2)
open("tests/sim/replacementSources.json", "a").write("\n")
print(f"replacement-sources: {len(types)} CloudFormation types written to tests/sim/replacementSources.json")
PY
