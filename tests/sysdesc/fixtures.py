"""fixtures.py: run the system-description analyser on its fixtures (tests/run.py's sysdesc jobs).

Each fixture is one description in good/ or bad/, run through build/host/sysdesc (the analyser
under ASan/UBSan). A fixture whose opening comment lines include `# with-images` is checked with
`--images BUILD/sysdesc/images` (the ELF files tests/sysdesc/make_images.c writes).

  bad/NAME.desc   opens with one or more `# expect: LINE:COLUMN: error: MESSAGE` lines; `check`
                  must print exactly those errors (each prefixed with the fixture's path), in
                  that order, nothing else, and exit with status 1.
  good/NAME.desc  `check` prints nothing and exits 0; `report` and `graph` succeed (report
                  equal to good/NAME.report when that file exists; the graph accepted by
                  Graphviz when it is installed); `emit` writes bootplan.bin and a header per
                  component, and every header compiles on its own.

run_group returns (passed, failed, detail): one test per fixture, and the failures explained.
"""
import os
import re
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXPECT = re.compile(rb"^# expect: (.*)$")
COMPONENT = re.compile(rb"^\s*component\s+([a-z][a-z0-9_]*)", re.MULTILINE)


def fixture_paths(group):
    folder = os.path.join(HERE, group)
    return [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.endswith(".desc")]


def relative(path):
    return os.path.relpath(path, ROOT)


def opening_comments(data):
    """The fixture's first lines, as long as they are comments."""
    lines = []
    for line in data.split(b"\n"):
        if not line.startswith(b"#"):
            break
        lines.append(line.rstrip(b"\r"))
    return lines


def image_args(data, build):
    if b"# with-images" in opening_comments(data):
        return ["--images", os.path.join(build, "sysdesc", "images")]
    return []


def run(tool, args):
    return subprocess.run([tool] + args, capture_output=True, timeout=60, cwd=ROOT)


def check_bad(tool, path, build):
    """Returns a problem (a string) or None."""
    with open(path, "rb") as f:
        data = f.read()
    name = relative(path)
    expected = [name + ":" + m.group(1).decode("latin-1")
                for m in map(EXPECT.match, opening_comments(data)) if m]
    if not expected:
        return "no '# expect:' line"
    proc = run(tool, ["check", name] + image_args(data, build))
    got = proc.stderr.decode("latin-1").splitlines()
    if proc.returncode != 1 or got != expected or proc.stdout:
        return "exit status %d\n  expected:\n    %s\n  got:\n    %s" % (
            proc.returncode, "\n    ".join(expected), "\n    ".join(got) or "(nothing)")
    return None


def compile_headers(out):
    """Each header on its own (gcc compiles every file it is given as a separate unit)."""
    headers = [os.path.join(out, h) for h in sorted(os.listdir(out)) if h.endswith("_caps.h")]
    proc = subprocess.run(["gcc", "-std=c11", "-fsyntax-only", "-Wall", "-Wextra", "-Werror",
                           "-x", "c"] + headers, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        return "the headers do not compile:\n%s" % proc.stderr
    return None


def check_emit(tool, name, data, build):
    with tempfile.TemporaryDirectory() as out:
        proc = run(tool, ["emit", name, "--out", out] + image_args(data, build))
        if proc.returncode != 0:
            return "emit: exit status %d: %s" % (proc.returncode, proc.stderr.decode())
        wanted = ["bootplan.bin"] + [c.decode() + "_caps.h" for c in COMPONENT.findall(data)]
        missing = [f for f in wanted if not os.path.exists(os.path.join(out, f))]
        if missing:
            return "emit did not write %s" % missing
        return compile_headers(out)


def check_report(tool, path, name):
    proc = run(tool, ["report", name])
    if proc.returncode != 0:
        return "report: exit status %d: %s" % (proc.returncode, proc.stderr.decode())
    golden = path[:-len(".desc")] + ".report"
    if os.path.exists(golden):
        with open(golden, "rb") as f:
            want = f.read()
        if proc.stdout != want:
            return "report differs from %s:\n%s" % (relative(golden), proc.stdout.decode())
    return None


def check_graph(tool, name):
    proc = run(tool, ["graph", name])
    if proc.returncode != 0 or not proc.stdout.startswith(b"digraph "):
        return "graph: exit status %d: %s" % (proc.returncode, proc.stderr.decode())
    if shutil.which("nop"):   # Graphviz's parser alone: dot's layout takes seconds
        nop = subprocess.run(["nop", "-p"], input=proc.stdout, capture_output=True,
                             timeout=60)
        if nop.returncode != 0:
            return "Graphviz refuses the graph: %s" % nop.stderr.decode()
    return None


def check_good(tool, path, build):
    with open(path, "rb") as f:
        data = f.read()
    name = relative(path)
    proc = run(tool, ["check", name] + image_args(data, build))
    if proc.returncode != 0 or proc.stdout or proc.stderr:
        return "check: exit status %d\n%s" % (proc.returncode, proc.stderr.decode("latin-1"))
    return (check_report(tool, path, name) or check_graph(tool, name) or
            check_emit(tool, name, data, build))


def run_group(group, build):
    build = os.path.abspath(build)
    tool = os.path.join(build, "host", "sysdesc")
    check = check_good if group == "good" else check_bad
    passed, failures = 0, []
    for path in fixture_paths(group):
        problem = check(tool, path, build)
        if problem is None:
            passed += 1
        else:
            failures.append("%s: %s" % (relative(path), problem))
    return passed, len(failures), "\n".join(failures)
