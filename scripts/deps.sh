#!/bin/sh
# deps.sh: install every Debian package Cairn's build and tests use, and nothing when all are there.
#
# Called first by `make run`, `make test` and the other top-level targets. Only Debian's archive
# is used: no other download happens anywhere in the build.
set -eu

PACKAGES="make gcc libc6-dev libcmocka-dev cppcheck python3
qemu-system-misc gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf clang libclang-rt-14-dev
gdb-multiarch device-tree-compiler cpio graphviz
frama-c-base why3 z3 cvc4"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "deps.sh: installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps.sh: done"
