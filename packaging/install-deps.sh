#!/usr/bin/env bash
# Installs everything Gongkai Kiosk needs to build, test and run, from Debian packages only,
# and fetches the pinned Dear ImGui source package into third_party/imgui (never committed).
# Idempotent: a second run with everything present does no network access and takes < 1 s.
set -euo pipefail

# The one place where the Dear ImGui version is pinned.
IMGUI_PIN="1.92.2b+ds-1"

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
imgui_dir="$root/third_party/imgui"

packages=(
  build-essential cmake pkg-config git ca-certificates dpkg-dev python3
  libsdl2-dev
  libfreetype-dev libfontconfig-dev fonts-noto-cjk fonts-hanazono
  libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libqrencode-dev
  libgumbo-dev libunibreak-dev libstb-dev libsqlite3-dev
  catch2 zbar-tools clang-format clang-tidy xvfb nginx openssl curl
  clang libclang-rt-14-dev xdotool
  librime-dev rime-prelude rime-data-luna-pinyin rime-essay libopencc-dev
  libsystemd-dev
  cage xwayland grim python3-pil procps faketime
  gettext locales
  pandoc xlsx2csv
  libpoppler-cpp-dev poppler-data libseccomp-dev python3-cairo
  libmpv-dev ffmpeg
)

# The locales the tests run in: zh_CN.UTF-8 for the staff's Chinese messages (config/i18n.h).
locales_needed=(zh_CN.UTF-8)

say() { printf 'install-deps: %s\n' "$*"; }

# One dpkg-query for all of them (one per package took seconds on a busy machine).
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null | awk '/ install ok installed$/{print $1}' || true)
missing=()
for p in "${packages[@]}"; do
  grep -qx "$p" <<<"$installed" || missing+=("$p")
done

# `locale -a` spells them zh_CN.utf8.
missing_locales=()
available_locales=$(locale -a 2>/dev/null)
for l in "${locales_needed[@]}"; do
  grep -qix "${l%.UTF-8}.utf8" <<<"$available_locales" || missing_locales+=("$l")
done

src_list=/etc/apt/sources.list.d/gongkai-imgui-src.sources
need_imgui=1
if [ -f "$imgui_dir/.gongkai-version" ] && [ -f "$imgui_dir/imgui.h" ]; then need_imgui=0; fi

if [ ${#missing[@]} -eq 0 ] && [ $need_imgui -eq 0 ] && [ ${#missing_locales[@]} -eq 0 ]; then
  say "all dependencies present (Dear ImGui $(cat "$imgui_dir/.gongkai-version"))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  say "missing: ${missing[*]:-} ${missing_locales[*]:-} $([ $need_imgui -eq 1 ] && echo imgui source); run as root (apt-get and locale-gen are needed)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
updated=0
apt_update() { [ $updated -eq 1 ] || { apt-get update -qq; updated=1; }; }

if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt_update
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ${#missing_locales[@]} -gt 0 ]; then
  # Listed in /etc/locale.gen (not only built with localedef), so a later locale-gen keeps them.
  for l in "${missing_locales[@]}"; do
    if grep -qx "# *$l UTF-8" /etc/locale.gen; then
      sed -i "s/^# *$l UTF-8\$/$l UTF-8/" /etc/locale.gen
    elif ! grep -qx "$l UTF-8" /etc/locale.gen; then
      echo "$l UTF-8" >>/etc/locale.gen
    fi
  done
  say "generating locales ${missing_locales[*]}"
  locale-gen >/dev/null
fi

if [ $need_imgui -eq 1 ]; then
  # bookworm's libimgui-dev is 1.86 (16-bit characters, fixed atlas): we build 1.92 from the
  # source package of the suite that carries it. Only a deb-src line is added, no binaries.
  if [ ! -f "$src_list" ]; then
    cat >"$src_list" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    updated=0
  fi
  apt_update
  version="$IMGUI_PIN"
  if ! apt-cache showsrc imgui 2>/dev/null | grep -qx "Version: $IMGUI_PIN"; then
    version=$(apt-cache showsrc imgui | awk '/^Version: 1\.92\./{print $2}' | sort -V | tail -n 1)
    [ -n "$version" ] || { say "no Dear ImGui 1.92.x source package in the archive" >&2; exit 1; }
    say "pinned imgui $IMGUI_PIN is gone from the archive; using $version instead"
  fi
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get source -qq --download-only "imgui=$version" 2>/dev/null \
     && dpkg-source -x --skip-patches ./imgui_*.dsc src >/dev/null 2>&1)
  rm -rf "$imgui_dir"
  mkdir -p "$(dirname "$imgui_dir")"
  mv "$work/src" "$imgui_dir"
  echo "$version" >"$imgui_dir/.gongkai-version"
  say "Dear ImGui $version source in third_party/imgui"
fi
