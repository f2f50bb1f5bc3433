#!/usr/bin/env bash
# Builds the real Pulumi CLI, github.com/pulumi/pulumi/pkg/v3/cmd/pulumi at the version go.mod pins, into
# build/bin/pulumi. It is built once: a stamp beside the binary records the hash of go.mod, go.sum and the Go
# version it was built from, and the build is skipped while they are unchanged. From empty Go caches this takes
# about 7 minutes on two cores (downloads included); with warm caches it is a link of a few seconds.
#
# The version is stamped in with -ldflags: without it the binary reports no version and the Automation API
# refuses it ("Failed to parse Pulumi CLI version").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/build/bin/pulumi"
stamp="$out.stamp"
version="$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2 }' "$here/go.mod")"
if [ -z "$version" ]; then
    echo "tools/pulumi-cli/go.mod does not require github.com/pulumi/pulumi/pkg/v3" >&2
    exit 1
fi
want="$(cat "$here/go.mod" "$here/go.sum" <(go version) | sha256sum | cut -d' ' -f1)"
if [ -x "$out" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi
mkdir -p "$(dirname "$out")"
echo "building the Pulumi CLI $version into build/bin/pulumi (about 7 minutes on a fresh machine)" >&2
start=$(date +%s)
(cd "$here" && go build -o "$out.tmp" \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
mv "$out.tmp" "$out"
echo "$want" > "$stamp"
echo "built $("$out" version) in $(( $(date +%s) - start )) s" >&2
