#!/bin/sh
# debug.sh: `make debug` - start QEMU halted at reset with a gdb stub on 127.0.0.1:GDB_PORT
# (default 1234), then attach gdb-multiarch with the kernel's and the root task's symbols
# and a breakpoint on kernel_main. Quitting gdb stops QEMU.
# Usage: scripts/debug.sh <kernel image> <root task ELF with symbols> [gdb arguments]
set -eu
image=$1
roottask=$2
shift 2
port=${GDB_PORT:-1234}
qemu-system-riscv64 -machine virt -bios default -nographic -m 128M -kernel "$image" \
    -S -gdb "tcp:127.0.0.1:$port" </dev/null >build/debug-serial.log 2>&1 &
qemu_pid=$!
trap 'kill $qemu_pid 2>/dev/null || true' EXIT INT TERM

# Wait until QEMU listens (state 0A in /proc/net/tcp), so gdb never races it.
hexport=$(printf '%04X' "$port")
tries=0
until grep -q "0100007F:$hexport 00000000:0000 0A" /proc/net/tcp 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 $qemu_pid 2>/dev/null; then
        echo "debug.sh: QEMU did not open port $port (see build/debug-serial.log)" >&2
        exit 1
    fi
    sleep 0.1
done
echo "QEMU is waiting for gdb (serial output goes to build/debug-serial.log)"
gdb-multiarch -q \
    -ex "set confirm off" \
    -ex "file $image" \
    -ex "add-symbol-file $roottask" \
    -ex "target remote 127.0.0.1:$port" \
    -ex "break kernel_main" \
    "$@"
