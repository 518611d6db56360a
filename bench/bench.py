#!/usr/bin/python3
"""bench.py: `make bench` - Cairn's figures as a table. Printed, never asserted.

- the kernel's section sizes (text, rodata, data, bss) and the embedded root task;
- instructions from the kernel's first instruction to the root task's first, read
  with rdinstret under QEMU `-icount shift=0,sleep=off` (deterministic: one guest
  instruction per count, identical from run to run);
- the smallest `-m` that boots the system to the shell prompt, trying sizes from 8 MiB
  down in 64 KiB steps; instructions from reset to the prompt; the memory the idle system
  uses (kernel image plus every object, as mstats reports) and each component's share;
- kernel source lines;
- from bench/ipc_bench.c: null syscall, IPC call+reply round trip, signal to a waiting
  thread and context switch, each averaged over 10,000 warm iterations (rdinstret).
"""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
import qemu  # noqa: E402

BOOTED = re.compile(r"boot +(\d+) instructions from kernel entry to root task")


def section_sizes(image, cross):
    out = subprocess.run([cross + "size", "-A", image], capture_output=True, text=True,
                         check=True).stdout
    sizes = {}
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[0].startswith(".") and fields[1].isdigit():
            sizes[fields[0]] = int(fields[1])
    return sizes


# The system is up when the debug console prompts (the root server has built it and
# stopped, memory_manager has reclaimed it).
SYSTEM_UP = r"^CAIRN> "
PROMPT_INSTRUCTIONS = re.compile(r"debug console, up after (\d+) instructions from reset")
COMPONENT_MEMORY = re.compile(r"^rootserver: (\w+) .*: +(\d+) KiB$", re.MULTILINE)
RECLAIMED = re.compile(r"root server's memory returned: (\d+) KiB")


IN_USE = re.compile(r"^        (\d+) KiB free, (\d+) KiB in use$", re.MULTILINE)
KERNEL_IMAGE = re.compile(r"kernel image (\d+) KiB")


def boot(image, memory_kib, icount=False, command=None):
    """Boots until the shell prompts (and, given a command, runs it to the next prompt);
    returns the serial output, or None when it did not come up (QEMU refused, panic,
    timeout). QEMU is stopped afterwards."""
    with qemu.Session(image, "%dK" % memory_kib, icount, timeout=20) as session:
        if session.expect(SYSTEM_UP) is None or "KERNEL PANIC" in session.output:
            return None
        if command is not None:
            session.send(command + "\r")
            if session.expect(SYSTEM_UP) is None:
                return None
        return session.output


def boot_instructions(image, memory_kib, pattern=BOOTED):
    counts = set()
    for _ in range(2):
        out = boot(image, memory_kib, icount=True)
        match = pattern.search(out or "")
        counts.add(int(match.group(1)) if match else None)
    return counts.pop() if len(counts) == 1 else "varies: %s" % sorted(counts, key=str)


def smallest_memory(image):
    smallest = None
    for kib in range(8 * 1024, 1024 - 1, -64):
        if boot(image, kib) is None:
            break
        smallest = kib
    return smallest


def ipc_figures(image):
    """The bench root task's "bench <name> <instructions>" lines, under -icount."""
    cmd = qemu.qemu_command(image, "128M", icount=True)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                         stdin=subprocess.DEVNULL).stdout
    return re.findall(r"^bench (\w+) (\d+)", out.replace("\r", ""), re.MULTILINE)


def kernel_lines():
    """Lines of kernel C, headers and assembly (the ABI headers and shared libs apart):
    all of them, and those holding code (not blank, not only comment)."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kernel")
    total = code = 0
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith((".c", ".h", ".S")):
                with open(os.path.join(folder, name)) as f:
                    text = f.read()
                total += text.count("\n")
                without = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"),
                                 text, flags=re.DOTALL)
                code += sum(1 for line in without.splitlines()
                            if line.strip() and not line.strip().startswith("//"))
    return total, code


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", required=True)
    parser.add_argument("--ipc-image")
    parser.add_argument("--cross", default="riscv64-unknown-elf-")
    args = parser.parse_args()

    s = section_sizes(args.image, args.cross)
    smallest = smallest_memory(args.image)
    rows = [
        ("kernel .text", "%d bytes" % s.get(".text", 0)),
        ("kernel .rodata", "%d bytes" % s.get(".rodata", 0)),
        ("kernel .data", "%d bytes" % s.get(".data", 0)),
        ("kernel .bss", "%d bytes" % s.get(".bss", 0)),
        ("embedded root task (freed after boot)", "%d bytes" % s.get(".rootimage", 0)),
        ("boot: kernel entry -> root task, 128 MiB", "%s instructions" % boot_instructions(
            args.image, 128 * 1024)),
        ("boot: kernel entry -> root task, 3 MiB", "%s instructions" % boot_instructions(
            args.image, 3 * 1024)),
        ("reset -> shell prompt, 3 MiB", "%s instructions" % boot_instructions(
            args.image, 3 * 1024, PROMPT_INSTRUCTIONS)),
        ("smallest -m that reaches the prompt (64 KiB steps)",
         "%d KiB" % smallest if smallest else "none in 1..8 MiB"),
        ("kernel source lines (kernel/: .c .h .S)", "%d lines, %d of code" % kernel_lines()),
    ]
    out = boot(args.image, 3 * 1024, command="mstats") or ""
    in_use, kernel = IN_USE.search(out), KERNEL_IMAGE.search(out)
    if in_use and kernel:
        rows.append(("system idle at the prompt: kernel image + objects",
                     "%d KiB (%s + %s)" % (int(kernel.group(1)) + int(in_use.group(2)),
                                            kernel.group(1), in_use.group(2))))
    for name, kib in COMPONENT_MEMORY.findall(out):
        rows.append(("memory of component %s" % name, "%s KiB" % kib))
    reclaimed = RECLAIMED.search(out)
    if reclaimed:
        rows.append(("root server memory returned after boot", "%s KiB" % reclaimed.group(1)))
    if args.ipc_image:
        for name, count in ipc_figures(args.ipc_image):
            rows.append(("%s (average of 10000)" % name.replace("_", " "),
                         "%s instructions" % count))
    width = max(len(r[0]) for r in rows)
    print("%-*s  %s" % (width, "figure", "value"))
    print("%s  %s" % ("-" * width, "-" * 24))
    for name, value in rows:
        print("%-*s  %s" % (width, name, value))
    return 0


if __name__ == "__main__":
    sys.exit(main())
