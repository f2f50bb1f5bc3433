#!/usr/bin/env bash
# Installs what the Python and Go runs of the examples need, into ignored folders under build/:
#   build/bin/sdkgen     the schema validator and SDK generator (tools/sdkgen)
#   build/sdk/{python,go} the SDKs generated from schema.json (sdk/go is the committed, publishable copy of
#                        build/sdk/go; a test keeps the two equal, `npm run sdk:go` refreshes it)
#   build/dist/*.whl     the Python SDK as a wheel, with package.json's version (schema.json carries it)
#   build/wheels         the wheels of examples/python/requirements.txt and their dependencies, as PyPI serves
#                        them for this interpreter: build/venv and the wheel test's new virtualenv install from
#                        them (`--no-index`), which spares pip reading PyPI's pages of grpcio and protobuf (30,000
#                        files, 8 s of CPU) on each install
#   build/venv           Python virtualenv with the pinned `pulumi` (examples/python/requirements.txt) and the wheel
#   Go module cache      github.com/pulumi/pulumi/sdk/v3 for examples/go and examples/go-platform (go.sum pins
#                        it; they use sdk/go)
#   build/bin/ecs-fargate-go-{example,platform}  the examples' own binaries (built so a compile error shows here)
#   build/bin/ecs-fargate-go-driver  the Go demo and platform as Automation API inline programs (engine/drivers/go)
# Idempotent and quiet: prints one line per step; on a failure, the failing step's output. Skipped while a stamp
# (build/polyglot.stamp) matches the hash of everything the steps read: schema.json, package.json, tools/sdkgen,
# the examples, engine/drivers/go, sdk/go, this script and the Go and Python versions.
# Needs Go >= 1.26 and Python >= 3.9 with venv; reaches only the Go module proxy and PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
log=$(mktemp)
pip_log=$(mktemp)
pip_pid=
trap '[ -z "$pip_pid" ] || kill "$pip_pid" 2>/dev/null; rm -f "$log" "$pip_log"' EXIT

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
pip_install() { build/venv/bin/python -m pip install --quiet --disable-pip-version-check "$@"; }
python_requirements() {
    [ -x build/venv/bin/python ] || python3 -m venv build/venv
    rm -rf build/wheels
    build/venv/bin/python -m pip wheel --quiet --disable-pip-version-check --wheel-dir build/wheels -r examples/python/requirements.txt
    pip_install --no-index --find-links build/wheels -r examples/python/requirements.txt
}
wait_for_python_requirements() {
    local status=0
    wait "$pip_pid" || status=$?
    pip_pid=
    cat "$pip_log"
    return "$status"
}
python_wheel() {
    rm -rf build/dist
    build/venv/bin/python -m pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir build/dist ./build/sdk/python
}
python_sdk() {
    # The SDK is regenerated on every run with the same version, so reinstall it rather than trust pip's cache.
    build/venv/bin/python -m pip uninstall --quiet --yes pulumi_ecs_fargate
    pip_install build/dist/pulumi_ecs_fargate-*.whl
}
go_example() { (cd examples/go && go build -o "$root/build/bin/ecs-fargate-go-example" .); }
go_platform() { (cd examples/go-platform && go build -o "$root/build/bin/ecs-fargate-go-platform" .); }
go_driver() { (cd engine/drivers/go && go build -o "$root/build/bin/ecs-fargate-go-driver" .); }

stamp=build/polyglot.stamp
inputs() {
    find schema.json package.json tools/setup-polyglot.sh tools/sdkgen examples engine/drivers/go sdk/go -type f \
        -not -path '*/.ecs-fargate/*' -not -path '*/__pycache__/*' -not -path '*/node_modules/*' | LC_ALL=C sort | xargs sha256sum
    go version
    python3 --version
}
want="$(inputs | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x build/bin/sdkgen ] && [ -x build/venv/bin/python ] \
    && [ -x build/bin/ecs-fargate-go-driver ] && [ -d build/sdk/go ] && compgen -G "build/dist/*.whl" >/dev/null \
    && compgen -G "build/wheels/*.whl" >/dev/null; then
    echo "setup-polyglot: up to date (build/polyglot.stamp)"
    exit 0
fi
rm -f "$stamp"

# PyPI downloads while Go compiles (the longest step on a fresh machine).
python_requirements >"$pip_log" 2>&1 &
pip_pid=$!
step "built tools/sdkgen" build_sdkgen
step "validated schema.json and generated build/sdk/python and build/sdk/go" generate_sdks
step "installed examples/python/requirements.txt into build/venv" wait_for_python_requirements
step "built the Python SDK's wheel into build/dist" python_wheel
step "installed the wheel into build/venv" python_sdk
step "built examples/go" go_example
step "built examples/go-platform" go_platform
step "built engine/drivers/go" go_driver
echo "$want" > "$stamp"
