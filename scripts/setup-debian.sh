#!/usr/bin/env bash
# Installs every Debian 12 package Unlocked needs to build, test and run. Idempotent.
set -euo pipefail
packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-l10n-tools libqt6sql6-sqlite qt6-charts-dev libgl-dev
    libqscintilla2-qt6-dev libcmark-dev
    pybind11-dev python3-dev python3-numpy cython3
    bubblewrap libseccomp-dev libyaml-cpp-dev
    xvfb xauth
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
fi
