#!/usr/bin/env bash
# The hall core's link rule: a program built from gongkai_core alone (its unit tests) needs no
# SDL, GL, EGL, SQLite, librime or systemd library. Reads the binary's dynamic dependencies.
# Usage: core_link_rule.sh PATH/TO/core_tests
set -uo pipefail
needed=$(objdump -p "$1" | awk '/NEEDED/ {print $2}')
[ -n "$needed" ] || { echo "core_link_rule: cannot read the dependencies of $1"; exit 1; }
bad=$(echo "$needed" | grep -E '^lib(SDL|GL|EGL|OpenGL|GLX|sqlite3|rime|systemd)')
if [ -n "$bad" ]; then
    echo "the hall core links what it must not:"
    echo "$bad"
    exit 1
fi
echo "core_link_rule: $(echo "$needed" | wc -l) libraries, none of SDL, GL, SQLite, librime, systemd"
