#!/usr/bin/env bash
# Fails when a finished Ninja build read a file (header, CMake package, pkg-config module) of a
# Debian package that the set-up script neither installs nor pulls in, and that is not part of
# every Debian system. Usage: scripts/check-setup-packages.sh [BUILD_DIR] [SETUP_SCRIPT]
set -euo pipefail
build=${1:-build}
setup=${2:-$(dirname "$0")/setup-debian.sh}
[ -f "$build/build.ninja" ] || { echo "no Ninja build in $build" >&2; exit 2; }
[ -f "$setup" ] || { echo "no set-up script at $setup" >&2; exit 2; }
src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt")

listed=$(sed -n '/^packages=(/,/^)/p' "$setup" | sed '1d;$d' | tr -s ' \t' '\n' | grep -E '^[a-z0-9]' || true)
[ -n "$listed" ] || { echo "$setup has no packages=( ... ) list" >&2; exit 2; }
# What apt brings with them (dependencies, pre-dependencies, recommends, and the provider of a
# virtual name), followed through the packages installed here; a used package is installed.
closure=$(dpkg-query -W -f='${Package}\t${Provides}\t${Depends}, ${Pre-Depends}, ${Recommends}\n' \
    | /usr/bin/python3 -c '
import re, sys
deps, providers = {}, {}
for line in sys.stdin:
    name, provides, depends = line.rstrip("\n").split("\t")
    deps[name] = re.findall(r"([a-z0-9][a-z0-9.+-]+)(?::[a-z0-9]+)?(?: \([^)]*\))?", depends)
    for virtual in re.findall(r"([a-z0-9][a-z0-9.+-]+)(?: \([^)]*\))?", provides):
        providers.setdefault(virtual, []).append(name)
todo, seen = sys.argv[1:], set()
while todo:
    name = todo.pop()
    if name in seen:
        continue
    seen.add(name)
    todo += deps.get(name, []) + providers.get(name, [])
print("\n".join(sorted(seen)))
' $listed)
base=$(dpkg-query -W -f='${Package} ${Essential} ${Priority}\n' | awk '$2 == "yes" || $3 == "required" {print $1}')

files=$({
    ninja -C "$build" -t deps | grep -E '^\s+/usr/' | sed 's/^ *//'
    for d in $(sed -n 's/^[A-Za-z0-9_]*_DIR:PATH=\(\/usr\/.*\)/\1/p' "$build/CMakeCache.txt"); do
        find "$d" -maxdepth 1 -type f -iname '*config.cmake'
    done
    for m in $(grep -ohE 'IMPORTED_TARGET [a-z0-9_+-]+' "$src"/CMakeLists.txt | awk '{print $2}'); do
        echo "$(pkg-config --variable=pcfiledir "$m")/$m.pc"
    done
} | sort -u)
used=$(echo "$files" | xargs -r realpath -e 2>/dev/null | sort -u | xargs -r dpkg -S 2>/dev/null \
    | sed 's/: .*//; s/, /\n/g' | sed 's/:[a-z0-9]*$//' | sort -u)
missing=$(comm -23 <(echo "$used") <(printf '%s\n' $closure $base | sort -u))
if [ -n "$missing" ]; then
    echo "the build reads these Debian packages, which $setup does not install:" $missing
    exit 1
fi
echo "all $(echo "$used" | wc -l) Debian packages the build reads are installed by $setup"
