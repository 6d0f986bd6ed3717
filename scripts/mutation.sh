#!/usr/bin/env bash
# mutation.sh runs mutation testing (gremlins v0.6.0) on the SDK's core files:
# ratelimit.go, retry.go, throttle.go, pagination.go, pagewalk.go, batch.go
# and errors.go. It is not part of CI:
# it takes minutes. Each surviving ("LIVED") mutant is a change of behaviour
# no test notices; pin it with a test, or explain why it is equivalent.
#
# Usage: scripts/mutation.sh [extra gremlins flags]   (from anywhere in the module)
# Env:   TARGETS (space-separated files, default the seven above),
#        WORKERS (default: gremlins' choice), OUT (JSON report path, default
#        $TMPDIR/bigcommerce-mutation.json).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

version=v0.6.0
bin=$(go env GOPATH)/bin/gremlins
if ! go version -m "$bin" 2>/dev/null | grep -q "github.com/go-gremlins/gremlins[[:space:]]*$version"; then
	go install "github.com/go-gremlins/gremlins/cmd/gremlins@$version"
fi

read -r -a targets <<<"${TARGETS:-ratelimit.go retry.go throttle.go pagination.go pagewalk.go batch.go errors.go}"

# gremlins can only exclude files: exclude every other Go file of the module.
excludes=()
while IFS= read -r f; do
	f=${f#./}
	keep=false
	for t in "${targets[@]}"; do
		[[ $f == "$t" ]] && keep=true
	done
	$keep || excludes+=(--exclude-files "^$(printf '%s' "$f" | sed 's/[.[\*^$()+?{|]/\\&/g')\$")
done < <(find . -name '*.go' ! -name '*_test.go' -not -path './.git/*' | sort)

workers=()
[[ -n ${WORKERS:-} ]] && workers=(--workers "$WORKERS")

# -count=1: never let a cached test result vouch for a mutant.
GOFLAGS=-count=1 "$bin" unleash \
	--invert-logical --invert-loopctrl \
	--timeout-coefficient 3 \
	--output "${OUT:-${TMPDIR:-/tmp}/bigcommerce-mutation.json}" \
	"${workers[@]}" "${excludes[@]}" "$@" .

# Per-file kill rate (killed / (killed + lived)) from the JSON report.
if command -v python3 >/dev/null; then
	python3 - "${OUT:-${TMPDIR:-/tmp}/bigcommerce-mutation.json}" <<'PY'
import json, sys, collections
rep = json.load(open(sys.argv[1]))
per = collections.defaultdict(lambda: collections.Counter())
for f in rep.get("files", []):
    for m in f.get("mutations", []):
        per[f["file_name"]][m["status"]] += 1
for name, c in sorted(per.items()):
    k, l = c["KILLED"], c["LIVED"]
    rate = 100.0 * k / (k + l) if k + l else 100.0
    print(f"{name}: killed {k}, lived {l}, not covered {c['NOT COVERED']}, timed out {c['TIMED OUT']}: {rate:.1f} %")
PY
fi
