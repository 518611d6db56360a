"""qemu.py: boot a Cairn image under QEMU and converse with its serial line.

A Session starts qemu-system-riscv64 with the image, collects everything the guest
prints (carriage returns dropped), and lets a test wait for a regular expression,
send keys, and collect the exit status. Every wait has a deadline, because a hung
guest never exits on its own.
"""
import os
import re
import subprocess
import threading
import time

QEMU = "qemu-system-riscv64"


def qemu_command(image, memory="128M", icount=False, extra=()):
    """The QEMU command line that boots image on the virt machine."""
    cmd = [QEMU, "-machine", "virt", "-bios", "default", "-nographic",
           "-m", memory, "-kernel", image]
    if icount:
        # One instruction is one virtual nanosecond, and the goldfish RTC (the timer
        # service's clock) counts virtual time too: timers fire at exact virtual times.
        cmd += ["-icount", "shift=0,sleep=off", "-rtc", "clock=vm"]
    return cmd + list(extra)


class Session:
    """One running guest. Use as a context manager so QEMU is always stopped."""

    def __init__(self, image, memory="128M", icount=False, timeout=30):
        self.deadline = time.monotonic() + timeout
        self.output = ""
        self.position = 0
        self.changed = threading.Condition()
        self.process = subprocess.Popen(
            qemu_command(image, memory, icount), stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        fd = self.process.stdout.fileno()
        while True:
            chunk = os.read(fd, 4096)
            with self.changed:
                if not chunk:
                    self.changed.notify_all()
                    return
                self.output += chunk.decode("utf-8", "replace").replace("\r", "")
                self.changed.notify_all()

    def expect(self, pattern):
        """Waits for pattern after the previous match; returns the match or None.

        A match that ends mid-line at the very end of what has arrived may be a line
        still being printed (so `$` or `\\d+` could match too little): it counts only
        once the guest has been quiet for SETTLE seconds (a prompt, say)."""
        regex = re.compile(pattern, re.MULTILINE)
        with self.changed:
            while True:
                match = regex.search(self.output, self.position)
                if match and self._complete(match):
                    self.position = match.end()
                    return match
                remaining = self.deadline - time.monotonic()
                if remaining <= 0 or (not self.reader.is_alive() and
                                      self.process.poll() is not None):
                    return None
                self.changed.wait(min(remaining, 0.5))

    SETTLE = 0.3

    def _complete(self, match):
        if match.end() < len(self.output) or self.output.endswith("\n"):
            return True
        length = len(self.output)
        self.changed.wait(self.SETTLE)
        return len(self.output) == length

    def send(self, text):
        self.process.stdin.write(text.encode())
        self.process.stdin.flush()

    def wait_exit(self):
        """Returns QEMU's exit status, or None if it did not stop before the deadline."""
        try:
            status = self.process.wait(max(0.0, self.deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return None
        self.reader.join(1)
        return status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.reader.join(1)
