#!/usr/bin/python3
"""run.py: run Cairn's whole test suite in parallel and print "N passed, N failed".

Three kinds of test, all run side by side on a thread pool:
  - host unit tests: each build/host/test_* binary (cmocka, ASan/UBSan); every cmocka
    case counts as one test, and a crash counts as a failure;
  - static analysis: `make analyze-gcc` and `make analyze-cppcheck`, and the Frama-C
    proofs `make prove`, one test each;
  - system-description fixtures: tests/sysdesc/{good,bad} through the analyser (see
    tests/sysdesc/fixtures.py), one test per fixture;
  - fuzz smoke runs: each libFuzzer target for FUZZ_RUNS inputs from a fixed seed,
    starting from the real inputs of this build (the long runs are `make fuzz`);
  - QEMU tests: the cases in qemu_cases.py, each a fresh boot of its image, and a
    gdb session through `make debug`'s script that stops in the kernel and the root task.
A failing test prints its output (or the tail of the serial log) so CI logs show why.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "sysdesc"))
import fixtures  # noqa: E402
import qemu  # noqa: E402
import qemu_cases  # noqa: E402

HOST_TEST_ARGS = {
    "test_elf": ["{build}/user/rootserver.elf"],
    "test_fdt_real": ["{build}/host/virt-128M.dtb", "{build}/host/virt-3M.dtb",
                 "{build}/host/virt-2G.dtb"],
    "test_cpio": ["{build}/host/real.cpio"],
}


class Result:
    def __init__(self, name, passed, failed, seconds, detail=""):
        self.name, self.passed, self.failed = name, passed, failed
        self.seconds, self.detail = seconds, detail


def run_host_test(path, build):
    start = time.monotonic()
    name = os.path.basename(path)
    args = [a.format(build=build) for a in HOST_TEST_ARGS.get(name, [])]
    proc = subprocess.run([path] + args, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    # cmocka's summary lines: "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s), ...".
    passed = sum(int(n) for n in re.findall(r"^\[  PASSED  \] (\d+) test", out, re.MULTILINE))
    failed = sum(int(n) for n in re.findall(r"^\[  FAILED  \] (\d+) test", out, re.MULTILINE))
    if proc.returncode != 0 and failed == 0:
        failed = 1   # crashed, or a sanitizer stopped it
    return Result("host/" + name, passed, failed, time.monotonic() - start,
                  out if failed else "")


def run_command_test(name, command):
    start = time.monotonic()
    proc = subprocess.run(command, capture_output=True, text=True, timeout=900)
    ok = proc.returncode == 0
    return Result(name, int(ok), int(not ok), time.monotonic() - start,
                  "" if ok else proc.stdout + proc.stderr)


FUZZ_RUNS = 30000


def run_fuzz_smoke(name, build):
    with tempfile.TemporaryDirectory() as scratch:
        return run_command_test("fuzz/" + name, [
            os.path.join(build, "fuzz", "fuzz_" + name), "-runs=%d" % FUZZ_RUNS, "-seed=1",
            "-artifact_prefix=%s/" % scratch, scratch,
            os.path.join(build, "fuzz", "corpus_" + name)])


def run_sysdesc_fixtures(group, build):
    """tests/sysdesc/<group>/*.desc through the analyser: one test per fixture."""
    start = time.monotonic()
    passed, failed, detail = fixtures.run_group(group, build)
    return Result("sysdesc/" + group, passed, failed, time.monotonic() - start, detail)


# gdb must stop at kernel_main with the FDT address in a1, then in the root task's main.
GDB_EXPECT = [r"<kernel_main>", r"a1 +0x[0-9a-f]+", r"Breakpoint 2, main \(info=0x7fff0000\)"]


def run_gdb_test(build):
    start = time.monotonic()
    env = dict(os.environ, GDB_PORT=str(20000 + os.getpid() % 20000))
    proc = subprocess.run(
        ["sh", "scripts/debug.sh", os.path.join(build, "images", "cairn.elf"),
         os.path.join(build, "user", "rootserver.elf"), "-batch", "-ex", "continue",
         "-ex", "info registers pc a1", "-ex", "break main", "-ex", "continue"],
        capture_output=True, text=True, timeout=60, env=env, stdin=subprocess.DEVNULL)
    out = proc.stdout + proc.stderr
    missing = [p for p in GDB_EXPECT if not re.search(p, out)]
    detail = "missing %s\n%s" % (missing, out) if missing else ""
    return Result("qemu/gdb_debug_session", int(not missing), int(bool(missing)),
                  time.monotonic() - start, detail)


def substitute(pattern, captured):
    return re.sub(r"<<(\w+)>>", lambda m: re.escape(captured[m.group(1)]), pattern)


def run_qemu_case(case, build):
    start = time.monotonic()
    image = os.path.join(build, "images", case["image"] + ".elf")
    captured, problem = {}, None
    with qemu.Session(image, memory=case.get("memory", "128M"),
                      icount=case.get("icount", False),
                      timeout=case.get("timeout", 30)) as session:
        steps = case["steps"](build) if callable(case["steps"]) else case["steps"]
        for kind, arg in steps:
            if kind == "send":
                session.send(arg)
                continue
            pattern = substitute(arg, captured)
            match = session.expect(pattern)
            if match is None:
                problem = "never saw /%s/" % pattern
                break
            captured.update({k: v for k, v in match.groupdict().items() if v is not None})
        # A case whose exit is None leaves the system running: QEMU is stopped after it.
        status = session.wait_exit() if problem is None and case["exit"] is not None else None
        if problem is None and case["exit"] is not None and status != case["exit"]:
            problem = "exit status %s, expected %d" % (status, case["exit"])
        if problem is None and "KERNEL PANIC" in session.output and not case.get("panic"):
            problem = "kernel panic"
        tail = "\n".join(session.output.splitlines()[-25:])
    seconds = time.monotonic() - start
    passed, failed = 1, 0
    if "subtests" in case:
        passed = len(re.findall(case["subtests"][0], session.output, re.MULTILINE))
        failed = len(re.findall(case["subtests"][1], session.output, re.MULTILINE))
        if failed:
            tail = "\n".join(l for l in session.output.splitlines() if "FAILED" in l or
                             l.startswith("    ")) + "\n" + tail
    if problem or failed:
        return Result("qemu/" + case["name"], passed if "subtests" in case else 0,
                      max(failed, 1), seconds, (problem or "") + "\n--- serial:\n" + tail)
    return Result("qemu/" + case["name"], passed, 0, seconds)


def collect_jobs(build, only):
    jobs = []
    host_dir = os.path.join(build, "host")
    for entry in sorted(os.listdir(host_dir)):
        path = os.path.join(host_dir, entry)
        if entry.startswith("test_") and os.access(path, os.X_OK) and "." not in entry:
            jobs.append(("host/" + entry, run_host_test, (path, build)))
    for group in ("good", "bad"):
        jobs.append(("sysdesc/" + group, run_sysdesc_fixtures, (group, build)))
    for target in ("analyze-gcc", "analyze-cppcheck", "prove"):
        jobs.append(("analysis/" + target, run_command_test,
                     ("analysis/" + target, ["make", "--no-print-directory", "-s", target])))
    for target in ("fdt", "elf", "cpio", "heap", "sysdesc", "bootplan", "line_editor",
                   "duration", "script_lines"):
        jobs.append(("fuzz/" + target, run_fuzz_smoke, (target, build)))
    for case in qemu_cases.CASES:
        jobs.append(("qemu/" + case["name"], run_qemu_case, (case, build)))
    jobs.append(("qemu/gdb_debug_session", run_gdb_test, (build,)))
    return [j for j in jobs if only is None or re.search(only, j[0])]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--only", help="run only tests whose name matches this regex")
    parser.add_argument("--jobs", type=int, default=(os.cpu_count() or 2) + 1)
    args = parser.parse_args()

    jobs = collect_jobs(args.build, args.only)
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(fn, *fn_args) for _, fn, fn_args in jobs]
        for (name, _, _), future in zip(jobs, futures):
            try:
                r = future.result()
            except Exception as error:  # a harness bug must fail loudly, not vanish
                r = Result(name, 0, 1, 0.0, "harness error: %r" % error)
            passed += r.passed
            failed += r.failed
            verdict = "FAIL" if r.failed else "ok  "
            print("%s %-44s %4d passed %3d failed  %5.1fs" % (verdict, r.name, r.passed,
                                                             r.failed, r.seconds), flush=True)
            if r.failed:
                print("    " + r.detail.replace("\n", "\n    "), flush=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
