#!/bin/sh
# debug.sh: `make debug` - start QEMU halted at reset with a gdb stub on :GDB_PORT (1234), then
# attach gdb-multiarch with the kernel's and the root task's symbols and a breakpoint
# on kernel_main. Quitting gdb stops QEMU.
# Usage: scripts/debug.sh <kernel image> <root task ELF with symbols> [gdb arguments]
set -eu
image=$1
roottask=$2
shift 2
qemu-system-riscv64 -machine virt -bios default -nographic -m 128M -kernel "$image" \
    -S -gdb tcp::${GDB_PORT:-1234} </dev/null >build/debug-serial.log 2>&1 &
qemu_pid=$!
trap 'kill $qemu_pid 2>/dev/null || true' EXIT INT TERM
echo "QEMU is waiting for gdb (serial output goes to build/debug-serial.log)"
gdb-multiarch -q \
    -ex "set confirm off" \
    -ex "file $image" \
    -ex "add-symbol-file $roottask" \
    -ex "target remote :${GDB_PORT:-1234}" \
    -ex "break kernel_main" \
    "$@"
