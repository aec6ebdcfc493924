#!/usr/bin/env bash
# Installs what Pinch's demo and tests need on a fresh Debian machine:
# system packages (Chromium for the UI tests, OpenSSH for the SSH tests,
# SQLite and ImageMagick for fixtures), then the npm dependencies, which bring
# Node 24 itself (the `node` devDependency) so every npm script runs on it.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium openssh-server openssh-client xvfb sqlite3 imagemagick)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

# The Electron binary is only needed to run the app on a Mac; its types come with the package.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
if [ -f package-lock.json ]; then npm ci; else npm install; fi
npm run build
