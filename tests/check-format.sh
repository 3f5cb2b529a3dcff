#!/usr/bin/env bash
# Fails when any of our C++ sources differs from .clang-format. Usage: check-format.sh [clang-format]
set -euo pipefail
cf=${1:-clang-format}
mapfile -t files < <(find config sync display kiosk tests bench -name '*.cpp' -o -name '*.h' 2>/dev/null | sort)
[ ${#files[@]} -gt 0 ] || { echo "no sources found" >&2; exit 1; }
"$cf" --dry-run --Werror "${files[@]}"
echo "format ok: ${#files[@]} files"
