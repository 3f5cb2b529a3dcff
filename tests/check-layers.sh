#!/usr/bin/env bash
# The layer rules of docs/architecture.md, checked on the includes (the link graph enforces the
# same for libraries): config/ uses only the standard library and JSON; sync/ never sees SDL,
# ImGui or GL; display/ never sees curl or SDL.
set -uo pipefail
fail=0
check() { # folder, forbidden-include regex, rule
  local hits
  hits=$(grep -rnE "#include *[<\"]($2)" "$1" --include='*.cpp' --include='*.h' 2>/dev/null)
  if [ -n "$hits" ]; then echo "layer rule broken ($3):"; echo "$hits"; fail=1; fi
}
check config 'SDL|imgui|curl/|GL/|EGL/|backends/|sync/|display/|kiosk/' 'config/ includes only JSON and the standard library'
check sync 'SDL|imgui|GL/|EGL/|backends/|display/|kiosk/' 'sync/ never includes SDL, ImGui or GL'
check display 'curl/|SDL|GL/|EGL/|backends/|kiosk/|rime' 'display/ never includes curl, SDL or librime'
# The hall core (kiosk/{core,playlist,staff}) has no window, database, IME or init system: its
# target links none of them (tests/kiosk/core_link_rule.sh checks the linked binary too).
for room in kiosk/core kiosk/playlist kiosk/staff; do
  check $room 'SDL|GL/|EGL/|backends/|sqlite3|rime|systemd/|kiosk/(services|platform|input|shell|cli)/' \
    "$room/ is the hall core: no SDL, GL, SQLite, librime, systemd, nor the rooms above it"
done
# The publisher's tools (feed keygen/sign/check) read feeds as sync/ does and never open a window.
check kiosk/publish 'SDL|GL/|EGL/|backends/|imgui|sqlite3|rime|systemd/|kiosk/(services|platform|input|shell|cli)/' \
  'kiosk/publish/ has no window, database, IME or init system, nor the rooms above it'
check kiosk/services 'SDL|GL/|EGL/|backends/|kiosk/(platform|input|shell|cli)/' 'kiosk/services/ never sees the window'
# Publishing (`feed build`) runs on a portal server: the sync's parsers and the core's playlist rules, no window.
check kiosk/publish 'SDL|imgui|GL/|EGL/|backends/|display/|sqlite3|rime|systemd/|kiosk/(services|platform|input|shell|cli)/' \
  'kiosk/publish/ never sees the window, the records or the kiosk rooms above the core'
# The video player is a leaf: libmpv fills a buffer; the window, the UI and the network are the caller's.
check kiosk/video 'SDL|imgui|curl/|GL/|EGL/|backends/|display/|sync/|sqlite3|rime|systemd/|kiosk/(core|playlist|staff|services|platform|input|shell|cli|pdf|publish)/' \
  'kiosk/video/ includes only libmpv and the standard library'
[ $fail -eq 0 ] && echo "layer rules ok"
exit $fail
