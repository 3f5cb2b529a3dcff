#!/usr/bin/env bash
# How ctest runs a fuzz target (tests/gates.cmake). Usage: run-target.sh TARGET HOSTILE_DIR ARGS...
# First every file in HOSTILE_DIR (large hostile inputs, see hostile-seeds.py) runs once, within the
# limits that ARGS set (-timeout, -rss_limit_mb, -max_len): a crash, a leak or a slow input fails the
# test. Then TARGET fuzzes with ARGS. Large inputs are kept out of the fuzzing corpus because
# libFuzzer would spend most of a short run mutating them.
set -euo pipefail
target=$1
hostile=$2
shift 2
flags=()
for arg in "$@"; do
    if [[ $arg == -* ]]; then flags+=("$arg"); fi
done
files=()
if [[ -d $hostile ]]; then mapfile -t files < <(find "$hostile" -type f | sort); fi
if ((${#files[@]} > 0)); then
    echo "run-target.sh: ${#files[@]} hostile inputs from $hostile"
    "$target" "${flags[@]}" "${files[@]}"
fi
exec "$target" "$@"
