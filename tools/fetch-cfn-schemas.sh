#!/usr/bin/env bash
# Fetches AWS's CloudFormation registry schemas of the resource types this package creates, from the cfn-lint
# wheel on PyPI, into the ignored build/cfn-schemas/ (one <Type>.json per type, e.g. AWS__EC2__SecurityGroup.json).
# The types are those tests/components/cfnMapping.json names. Idempotent: the wheel is downloaded once
# (build/cfn-schemas/wheel/), and the schemas are extracted again only when the mapping names a type not yet there.
# Needs python3 with pip; reaches only PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.58.0
out=build/cfn-schemas
wheel_dir=$out/wheel
mapping=tests/components/cfnMapping.json
mkdir -p "$wheel_dir"
wheel=$(ls "$wheel_dir"/cfn_lint-"$version"-*.whl 2>/dev/null | head -n 1 || true)
if [ -z "$wheel" ]; then
    start=$SECONDS
    python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: "cfn-lint==$version" -d "$wheel_dir"
    wheel=$(ls "$wheel_dir"/cfn_lint-"$version"-*.whl | head -n 1)
    echo "fetch-cfn-schemas: downloaded $(basename "$wheel") ($((SECONDS - start)) s)"
fi
python3 - "$wheel" "$mapping" "$out" <<'PY'
import json, os, sys, zipfile
wheel, mapping, out = sys.argv[1:4]
types = sorted({entry["cfnType"] for entry in json.load(open(mapping))["resources"].values()})
wanted = {t: os.path.join(out, t.replace("::", "__") + ".json") for t in types}
missing = [t for t, path in wanted.items() if not os.path.exists(path)]
if not missing:
    sys.exit(0)
with zipfile.ZipFile(wheel) as z:
    providers = json.loads(z.read("cfnlint/data/schemas/providers/us-east-1.json"))
    for t in missing:
        if t not in providers:
            sys.exit(f"fetch-cfn-schemas: {t} is not in cfn-lint's us-east-1 provider index")
        data = z.read(f"cfnlint/data/schemas/resources/{providers[t]}.json")
        tmp = wanted[t] + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, wanted[t])
print(f"fetch-cfn-schemas: extracted {len(missing)} schema(s) into {out}")
PY
