#!/usr/bin/env bash
# Installs what the Python and Go runs of the examples need, into ignored folders under build/:
#   build/bin/sdkgen     the schema validator and SDK generator (tools/sdkgen)
#   build/sdk/{python,go} the SDKs generated from schema.json, as `pulumi package add` would generate them
#   build/venv           Python virtualenv with the pinned `pulumi` (examples/python/requirements.txt) and the SDK
#   Go module cache      github.com/pulumi/pulumi/sdk/v3 for examples/go (go.sum pins it)
# Idempotent and quiet: prints one line per step; on a failure, the failing step's output.
# Needs Go >= 1.26 and Python >= 3.9 with venv; reaches only the Go module proxy and PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
log=$(mktemp)
trap 'rm -f "$log"' EXIT

step() {
    local what=$1
    shift
    local start=$SECONDS
    if ! "$@" >"$log" 2>&1; then
        echo "setup-polyglot: $what failed:" >&2
        cat "$log" >&2
        exit 1
    fi
    echo "setup-polyglot: $what ($((SECONDS - start)) s)"
}

build_sdkgen() { (cd tools/sdkgen && go build -o "$root/build/bin/sdkgen" .); }
generate_sdks() { build/bin/sdkgen -schema schema.json -out build/sdk; }
python_env() {
    [ -x build/venv/bin/python ] || python3 -m venv build/venv
    local pip=(build/venv/bin/python -m pip install --quiet --disable-pip-version-check)
    "${pip[@]}" -r examples/python/requirements.txt
    # The SDK is regenerated on every run with the same version, so reinstall it rather than trust pip's cache.
    build/venv/bin/python -m pip uninstall --quiet --yes pulumi_ecs_fargate
    "${pip[@]}" ./build/sdk/python
}
go_example() { (cd examples/go && go build -o "$root/build/bin/ecs-fargate-go-example" .); }

step "built tools/sdkgen" build_sdkgen
step "validated schema.json and generated build/sdk/python and build/sdk/go" generate_sdks
step "installed pulumi and the SDK into build/venv" python_env
step "built examples/go" go_example
