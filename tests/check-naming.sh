#!/usr/bin/env bash
# Fails when a name in our own code breaks the naming rules of .clang-tidy (readability-identifier-naming
# only): every .cpp of config/, sync/, display/ and kiosk/, and the headers of those folders they include
# (HeaderFilterRegex), with the flags of the build's compile_commands.json. tests/ and third_party/ are
# not checked. Two files at a time: ~270 s of CPU, almost all of it clang parsing the 97 files, so about
# 2 min of wall time on 2 idle cores (4–4.5 min while another build shares them). The style applies
# only below the root .clang-tidy, so system headers cost nothing beyond parsing.
# Usage: check-naming.sh <build dir with compile_commands.json> [clang-tidy] [jobs]
set -euo pipefail
build=${1:?usage: check-naming.sh <build dir> [clang-tidy] [jobs]}
tidy=${2:-clang-tidy}
jobs=${3:-2}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "$build" && pwd)
cd "$root"
[ -f "$build/compile_commands.json" ] || { echo "no compile_commands.json in $build" >&2; exit 1; }
command -v "$tidy" >/dev/null || { echo "$tidy not found (packaging/install-deps.sh installs clang-tidy)" >&2; exit 1; }
mapfile -t files < <(find config sync display kiosk -name '*.cpp' | sort)
[ ${#files[@]} -gt 0 ] || { echo "no sources found" >&2; exit 1; }

# One clang-tidy per file; its findings are printed together when it fails. The build is GCC's:
# -Wno-error: clang warns where GCC does not (and about GCC-only options); only naming fails here.
export tidy build
status=0
printf '%s\n' "${files[@]}" | xargs -P "$jobs" -I{} sh -c '
  out=$("$tidy" -p "$build" --quiet --extra-arg=-Wno-error \
        --warnings-as-errors="readability-identifier-naming*" "$1" 2>&1) && exit 0
  printf "== %s\n%s\n" "$1" "$out" | grep -v "warnings\? generated\.$"
  exit 1' sh {} || status=$?
if [ $status -ne 0 ]; then
  echo "naming: violations above (rules in .clang-tidy; see docs/architecture.md, \"Errors and names\")" >&2
  exit 1
fi
echo "naming ok: ${#files[@]} files"
