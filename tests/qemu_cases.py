"""qemu_cases.py: what each QEMU test must see on the serial line.

A case names an image (build/images/<image>.elf), the steps to take in order, and
the exit status QEMU must end with. Steps are ("expect", regex) or ("send", text).
A case whose exit is None ends with the system still running (QEMU is stopped).
A regex may name groups (?P<name>...); a later step's <<name>> is replaced by the
escaped text that group matched, so a test can say "the fault is at the pc the task
printed". A KERNEL PANIC anywhere (unless the case sets panic=True), a timeout or a
wrong exit status fails the case.
"""
import os
import re

KERNEL_UP = [
    ("expect", r"^Cairn kernel \d+\.\d+\.\d+ on hart \d+"),
    ("expect", r"^  mmu      Sv39, 16 ASID bits: TLB entries tagged, switches flush nothing$"),
    ("expect", r"^memory: RAM \d+ KiB, firmware 512 KiB, kernel image \d+ KiB"),
]

# After a fault the thread is stopped; the kernel must still run and answer its monitor.
# The idle kernel reads the serial line only when the timer wakes it, so an answer with a
# tick count above zero also shows the timer interrupt at work.
STILL_ANSWERS = [
    ("expect", r"^kernel: no thread can run; idle$"),
    ("send", "d"),
    ("expect", r"^threads \(tick [1-9]\d*\):\n  #1 roottask +stopped: "),
    ("send", "h"),
    ("expect", r"^monitor: halt$"),
]


def fault_case(name, announce, report, dump):
    return dict(name=name, image="test_" + name, exit=0,
                steps=KERNEL_UP + [("expect", announce), ("expect", report)]
                + STILL_ANSWERS[:3] + [("expect", dump)] + STILL_ANSWERS[3:])


def banner_case(name, memory):
    """The system image boots to the shell: banner, the root server builds the system
    from its boot plan and stops, memory_manager reclaims the root server's memory, the
    UART driver comes up and the debug console prompts; `mstats` answers over RPC."""
    return dict(name=name, image="cairn", memory=memory, exit=None, steps=KERNEL_UP + [
        ("expect", r"^Cairn \d+\.\d+\.\d+: a capability OS for embedded ML"),
        ("expect", r"^  RAM seen +%d KiB$" % (int(memory[:-1]) * 1024)),
        ("expect", r"^  kernel size +[1-9]\d* KiB \(text, data, bss\)$"),
        ("expect", r"^  free untyped +[1-9]\d* KiB in [1-9]\d* regions$"),
        ("expect", r"^rootserver: memory_manager +1 thread\(s\), +[1-9]\d* frames"),
        ("expect", r"^rootserver: [1-9]\d* components, [1-9]\d* threads started; .* the root "
                   r"server stops$"),
        ("expect", r"^\[memory_manager\] I: root server's memory returned: (?P<back>[1-9]\d*) "
                   r"KiB; free (?P<before>\d+) KiB -> (?P<after>\d+) KiB of \d+ KiB$"),
        ("expect", r"^autostart:2> echo Welcome to Cairn\."),   # before the first prompt
        ("expect", r"^CAIRN> "),
        ("send", "mstats\r"),
        ("expect", r"^memory: \d+ KiB of RAM in [1-9]\d* untyped regions"),
        ("expect", r"^        root server's <<back>> KiB returned at boot \(free was <<before>> "
                   r"KiB\)$"),
        ("expect", r"^        object pool ([1-9]\d*) KiB, \1 KiB free; 0 objects, 0 clients$"),
        ("expect", r"^CAIRN> "),
    ])


SYSCALL_CHECKS = [
    "put_char 'x'", "put_char 256", "put_string valid", "put_string empty",
    "put_string unmapped", "put_string null", "put_string kernel address",
    "put_string wraps around", "put_string too long", "put_string crosses into unmapped page",
    r"put_string from boot info \(read-only\)", "halt 256",
]

# The shell on the serial line, driven with the bytes a terminal sends.
BACKSPACE, CTRL_C, CTRL_U, UP, DOWN = "\x7f", "\x03", "\x15", "\x1b[A", "\x1b[B"
SHELL = [
    ("expect", r"^Cairn debug console, up after \d+ instructions from reset"),
    # the autostart script runs before the first prompt, its lines shown
    ("expect", r"^autostart:2> echo Welcome to Cairn\. .*\nWelcome to Cairn\. "),
    ("expect", r"^autostart:3> mstats\nmemory: \d+ KiB of RAM"),
    ("expect", r"^CAIRN> "),
    ("send", "help\r"),
    ("expect", r"^commands:\n  help +list the commands\n  echo \[WORD\.\.\.\] +print the words\n"),
    ("expect", r"^CAIRN> "),
    ("send", "echo   spaced    words \r"),
    ("expect", r"^spaced words$"),
    ("send", "echo typx" + BACKSPACE + "o\r"),           # backspace erases one byte
    ("expect", r"^typo$"),
    ("send", "echo gone" + CTRL_U + "echo kept\r"),     # ^U erases the line
    ("expect", r"^kept$"),
    ("send", "echo never" + CTRL_C),                   # ^C abandons it
    ("expect", r"\^C\nCAIRN> "),
    ("send", UP + UP + "\r"),                          # two lines back: "echo typo"
    ("expect", r"^typo$"),
    ("send", UP + UP + DOWN + "\r"),                   # back, back, forward: "echo typo"
    ("expect", r"^typo$"),
    ("send", "mdebug\r"),
    ("expect", r"^  region +KiB +free KiB kind\n(  0x[0-9a-f]{16} +\d+ +\d+ (ram|device)\n){4,}"),
    ("send", "ps\r"),
    ("expect", r"^  running: 'debug_console'#\d+, priority 100\n"),
    ("expect", r"#\d+ uart_driver +blocked receiving, priority 240"),
    ("expect", r"#\d+ memory_manager +blocked receiving, priority 250"),
    ("send", "frobnicate now\r"),
    ("expect", r"^error: unknown command 'frobnicate' \(try help\)$"),
    ("send", "x" * 300 + "\r"),                        # over-long: refused whole
    ("expect", r"^error: line longer than 255 characters; ignored$"),
    ("send", "echo " + "w " * 20 + "\r"),
    ("expect", r"^error: more than 16 words$"),
    ("send", "loglevel loud\r"),
    ("expect", r"^error: usage: loglevel \[none\|error\|warn\|info\|debug\|trace\]$"),
    ("send", "loglevel debug\r"),
    ("expect", r"^log level: debug$"),
    ("send", "sleep 0.2\r"),
    ("expect", r"^CAIRN> "),
    ("send", "sleep 60\r"),                           # ^C ends a sleep
    ("send", CTRL_C),
    ("expect", r"\^C\nCAIRN> "),
    ("send", "sleep 2x\r"),
    ("expect", r"^error: usage: sleep DURATION \(for example 2, 0\.5, 250ms; at most a day\)$"),
    # scripts: listed, run with their lines shown, run quietly (the output straight
    # after the typed line), and each misuse of `source` refused in one line
    ("send", "source\r"),
    ("expect", r"^scripts \(source \[-q\] SCRIPT runs one; autostart runs at boot\):\n"
               r"  autostart +run by the console once at boot.*\n  demo +a short tour"),
    ("send", "source demo\r"),
    ("expect", r"^demo:\d+> echo The commands:\nThe commands:\ndemo:\d+> help\ncommands:\n"
               r"  help "),
    ("expect", r"^demo:\d+> ps\n"),
    ("expect", r"^CAIRN> "),
    ("send", "source -q demo\r"),
    ("expect", r"source -q demo\nThe commands:\ncommands:\n  help "),
    ("expect", r"\nEvery thread, as the kernel sees it:\n[^:\n]*ready queues:"),
    ("expect", r"^CAIRN> "),
    ("send", "source -x\r"),
    ("expect", r"^error: source: unknown option '-x' \(usage: source \[-q\] SCRIPT\)$"),
    ("send", "source -q\r"),
    ("expect", r"^error: usage: source \[-q\] SCRIPT \(source alone lists them\)$"),
    ("send", "source demo extra\r"),
    ("expect", r"^error: usage: source \[-q\] SCRIPT \(source alone lists them\)$"),
    ("send", "source nothing\r"),
    ("expect", r"^error: source: no script 'nothing' \(source alone lists them\)$"),
    # stray control bytes and sequences (not ^A: QEMU's own console takes that)
    ("send", "\x02\x1b[Z\x1bOP\x1b[1;5C\r"),
    ("send", "echo still here\r"),
    ("expect", r"^still here$"),
    ("expect", r"^CAIRN> "),
]

# tests/system/console_scripts/*.cairn, in the console of system_shell_scripts (the real
# system otherwise): lines shown or not, bad lines reported by number, nesting stopped.
NEST = r"scripts nest at most 4 deep \(does one source itself\?\)"
SCRIPTS = [
    ("expect", r"^autostart:2> echo Welcome to Cairn\."),
    ("expect", r"^CAIRN> "),
    ("send", "source hello\r"),
    ("expect", r"source hello\nhello:2> echo hello from a script\nhello from a script\n"
               r"hello:3> echo and its second line\nand its second line\nCAIRN> "),
    ("send", "source -q hello\r"),
    ("expect", r"source -q hello\nhello from a script\nand its second line\nCAIRN> "),
    ("send", "source lines\r"),
    ("expect", r"source lines\nlines:3> echo first line runs\nfirst line runs\n"
               r"error: lines:4: line longer than 255 characters; skipped\n"
               r"error: lines:5: more than 16 words; skipped\n"
               r"error: lines:6: byte 0xc3 is not a printable character; line skipped\n"
               r"lines:7> echo crlf line\ncrlf line\n"
               r"lines:8>  echo tabbed\ntabbed\n"
               r"lines:10> frobnicate\nerror: unknown command 'frobnicate' \(try help\)\n"
               r"lines:11> echo last line, no newline\nlast line, no newline\nCAIRN> "),
    ("send", "source -q lines\r"),
    ("expect", r"source -q lines\nfirst line runs\n"
               r"error: lines:4: line longer than 255 characters; skipped\n"
               r"error: lines:5: more than 16 words; skipped\n"
               r"error: lines:6: byte 0xc3 is not a printable character; line skipped\n"
               r"crlf line\ntabbed\nerror: unknown command 'frobnicate' \(try help\)\n"
               r"last line, no newline\nCAIRN> "),
    ("send", "source loop\r"),
    ("expect", r"source loop\n(loop:2> source loop\n){4}"
               r"error: loop:2: source: 'loop' not run: " + NEST + r"\n"
               r"(loop:3> echo loop goes on\nloop goes on\n){4}CAIRN> "),
    ("send", "source ping\r"),
    ("expect", r"source ping\n(ping:2> source -q pong\n){2}"
               r"error: pong:2: source: 'ping' not run: " + NEST + r"\nCAIRN> "),
    ("send", "source naps\r"),                        # ^C stops every level
    ("expect", r"^nap_inner:2> sleep 60\n"),
    ("send", CTRL_C),
    ("expect", r"^\^C\nerror: nap_inner:2: script stopped by \^C\nCAIRN> "),
    ("send", "echo still here\r"),
    ("expect", r"^still here\nCAIRN> "),
]


def planned_caps(build, system, component):
    """(slot, name) of every capability the analyser planned for a component, read from
    its generated header (aliases such as CAP_TCB_MAIN and *_FIRST left out)."""
    path = os.path.join(build, "systems", system, "gen", component + "_caps.h")
    caps = {}
    with open(path) as header:
        for line in header:
            m = re.match(r"#define (CAP_\w+)\s+(\d+)\s+/\*", line)
            if m and not m.group(1).endswith(("_FIRST", "_SLOTS")):
                caps.setdefault(int(m.group(2)), m.group(1))
    return sorted(caps.items())


def capscan_steps(build):
    """`capscan NAME` for every component of the real system: each capability the
    description grants shows in its slot under its name, and nothing else is there but
    the component's own memory (the console counts: 0 missing, different, unexpected)."""
    steps = KERNEL_UP + [("expect", r"^CAIRN> "), ("send", "capscan\r"),
                         ("expect", r"^memory_manager: \d+ of \d+ capabilities as described")]
    for component in ("memory_manager", "uart_driver", "timer_service", "debug_console"):
        caps = planned_caps(build, "cairn", component)
        steps += [("send", "capscan %s\r" % component)]
        steps += [("expect", r"^ +%d  \w+ +[-rwgGx]{5}  (badge 0x[0-9a-f]+ +)? *%s$" % (slot, name))
                  for slot, name in caps]
        steps += [("expect", r"^%s: %d of %d capabilities as described, 0 missing, 0 different, "
                             r"0 unexpected; its own: [1-9]\d* frames, [1-9]\d* page tables"
                   % (component, len(caps), len(caps)))]
    return steps + [("send", "capscan nothing\r"),
                    ("expect", r"^error: capscan: no component 'nothing' \(capscan alone "
                               r"lists them\)$"),
                    ("send", "capscan a b\r"),
                    ("expect", r"^error: usage: capscan \[COMPONENT\]$")]


CASES = [
    banner_case("boot_banner", "128M"),
    banner_case("boot_in_3M", "3M"),
    # Generous: it types a lot, and CI machines may be busy with other boots.
    dict(name="shell", image="cairn", exit=None, timeout=90, steps=KERNEL_UP + SHELL),
    dict(name="capscan", image="cairn", exit=None, timeout=60, steps=capscan_steps),
    dict(name="shell_scripts", image="system_shell_scripts", exit=None, timeout=60,
         steps=KERNEL_UP + SCRIPTS),
    # tests/system/hostile.desc: services answer malformed requests with errors, and live on.
    dict(name="hostile_client", image="system_hostile", exit=None, timeout=60,
         steps=KERNEL_UP + [
        ("expect", r"^hostile: memory_manager: 4000 requests: [1-9]\d* refused as bad, "
                   r"[1-9]\d* unknown method, \d+ accepted, 0 unreachable$"),
        ("expect", r"^hostile: uart_driver: 4000 requests: [1-9]\d* refused as bad, "
                   r"[1-9]\d* unknown method, \d+ accepted, 0 unreachable$"),
        ("expect", r"^hostile: timer_service: 4000 requests: [1-9]\d* refused as bad, "
                   r"[1-9]\d* unknown method, \d+ accepted, 0 unreachable$"),
        ("expect", r"^hostile: uart answers$"),
        ("expect", r"^hostile: afterwards memory_manager ok \([1-9]\d* KiB free\), uart_driver "
                   r"ok, timer_service ok$"),
    ]),
    # tests/system/timers.desc: three clients' timers at once, each completion at the
    # virtual time it was due (QEMU -icount: one instruction is one nanosecond).
    dict(name="timers", image="system_timers", exit=None, icount=True, steps=KERNEL_UP + [
        ("expect", r"timer_service\] I: goldfish rtc at 0x[0-9a-f]+, irq 11: 3 clients of 32 "
                   r"timers each"),
        ("expect", r"^beta: 32 timers 1 ms apart, 9 refusals: 32 completions on time \(at most "
                   r"\d+ us late\): ok$"),
        ("expect", r"^gamma: cancel, poll, another's id: 1 completions on time \(at most \d+ us "
                   r"late\): ok$"),
        ("expect", r"^alpha: periodic 10 ms x5, one-shots at 25 and 55 ms, cancel: 8 completions "
                   r"on time \(at most \d+ us late\): ok$"),
    ]),
    # tests/system/objects.desc: memory_manager's MM_ALLOC/MM_FREE/MM_CLIENTS for two
    # clients (badges 1 and 2): objects used, capabilities gone after a free, quotas, the
    # neighbour's object refused (MM_E_NO_OBJECT 19), all memory back.
    dict(name="mm_objects", image="system_objects", exit=None, timeout=60,
         steps=KERNEL_UP + [
        ("expect", r"^mm_neighbour: notification: ok, id (?P<theirs>\d+), signalled and waited$"),
        ("expect", r"^mm_client: notification: ok, minted 0, signalled 0x5, got 0x5$"),
        ("expect", r"^mm_client: holding a notification: client 1: 1 objects, 64 bytes$"),
        ("expect", r"^mm_client: notification freed: ok; its capability and our copy gone: "
                   r"yes$"),
        ("expect", r"^mm_client: frame: ok, mapped 0, sum 392448; page table: ok, mapped 0$"),
        ("expect", r"^mm_client: holding a frame and a page table: client 1: 2 objects, 8192 "
                   r"bytes$"),
        ("expect", r"^mm_client: frame freed: ok, then its invocation: 6; table freed: ok; "
                   r"slots empty: yes$"),
        ("expect", r"^mm_client: endpoint 0 \(polled badge 0\) freed 0; tcb 0 \(named 0\) "
                   r"freed 0; cnode 0 \(copy into it 0\) freed 0; slots empty: yes$"),
        ("expect", r"^mm_client: quota: 8 frames then status 17; 12 notifications then "
                   r"status 17$"),
        ("expect", r"^mm_client: refused: untyped 16, cnode radix 9 16, sized frame 16, 2M "
                   r"frame 16, id 0 19, empty free 4$"),
        ("expect", r"^mm_client: freeing the neighbour's id <<theirs>>: status 19$"),
        ("expect", r"^mm_client: after that: client 2: 1 objects, 64 bytes$"),
        ("expect", r"^mm_client: after that: client 1: 0 objects, 0 bytes$"),
        ("expect", r"^mm_client: free (?P<free>\d+) bytes before, (?P=free) after; pool "
                   r"(?P<pool>\d+) of \d+ bytes free; 1 objects held$"),
    ]),
    # tests/system/isolation.desc: a component with no connection reaches nobody.
    dict(name="isolation", image="system_isolation", exit=0, steps=KERNEL_UP + [
        ("expect", r"^friend: first call: ok, secret 0x5ec2e7$"),
        ("expect", r"^prober: called 252 cptrs it holds no endpoint in: 252 refused, 0 "
                   r"answered$"),
        ("expect", r"^prober: the vault's secret found 0 times in 0x10000\.\.0x[0-9a-f]+$"),
        ("expect", r"^fault: thread 'prober' #\d+: load page fault at address 0x3f000000 "),
        ("expect", r"^kernel: no thread can run; idle$"),
        ("send", "d"),
        ("expect", r"prober +stopped: load page fault"),       # (newest thread first)
        ("expect", r"vault +blocked receiving, priority 200"),
        ("send", "h"),
        ("expect", r"^monitor: halt$"),
    ]),
    fault_case(
        "fault_kernel_write",
        r"^test: store to (?P<addr>0x[0-9a-f]+) at pc (?P<pc>0x[0-9a-f]+)$",
        r"^fault: thread 'roottask' #1: store page fault at address <<addr>> \(pc <<pc>>\); "
        r"thread stopped$",
        r"store page fault at address <<addr>> \(pc <<pc>>\)$"),
    fault_case(
        "fault_illegal_instruction",
        r"^test: instruction (?P<insn>0x[0-9a-f]+) at pc (?P<pc>0x[0-9a-f]+)$",
        r"^fault: thread 'roottask' #1: illegal instruction <<insn>> at pc <<pc>>; "
        r"thread stopped$",
        r"illegal instruction <<insn>> at pc <<pc>>$"),
    fault_case(
        "fault_unmapped_jump",
        r"^test: jump to (?P<addr>0x[0-9a-f]+)$",
        r"^fault: thread 'roottask' #1: instruction page fault at address <<addr>> "
        r"\(pc <<addr>>\); thread stopped$",
        r"instruction page fault at address <<addr>> \(pc <<addr>>\)$"),
    fault_case(
        "fault_unknown_syscall",
        r"^test: syscall (?P<number>\d+) at pc (?P<pc>0x[0-9a-f]+)$",
        r"^fault: thread 'roottask' #1: unknown syscall <<number>> at pc <<pc>>; "
        r"thread stopped$",
        r"unknown syscall <<number>> at pc <<pc>>$"),
    dict(name="syscall_arguments", image="test_syscall_arguments", exit=0, steps=KERNEL_UP + [
        ("expect", r"check %s +ok " % check) for check in SYSCALL_CHECKS] + [
        ("expect", r"^syscall_arguments: 0 failed$"),
        ("expect", r"^halt: thread 'roottask' #1 stops the machine with status 0$"),
    ]),
    # The kernel conformance suite: every "case <ID> ...: ok" line counts as a test.
    dict(name="conformance", image="test_conformance", exit=0, timeout=120,
         subtests=(r"^case \S+ .*: ok$", r"^case \S+ .*: FAILED$"),
         steps=KERNEL_UP + [("expect", r"^conformance: \d+ passed, 0 failed$")]),
    # Random system calls and invocations from a seeded root task; the kernel must stay
    # sound throughout (`make fuzz-syscalls` runs the same task for 1,000,000 steps).
    dict(name="fuzz_syscalls", image="test_fuzz_syscalls", exit=0, timeout=60,
         steps=KERNEL_UP + [
             ("expect", r"^fuzz_syscalls: seed 0x[0-9a-f]+, \d+ steps"),
             ("expect", r"^fuzz_syscalls: \d+ steps, seed 0x[0-9a-f]+, self-check clean$"),
             ("expect", r"^halt: thread 'roottask' #1 stops the machine with status 0$"),
         ]),
    # The benchmark root task must keep working (its figures are printed by make bench).
    dict(name="bench_ipc_runs", image="bench_ipc", exit=0, timeout=60, steps=KERNEL_UP + [
        ("expect", r"^bench %s \d+$" % name) for name in (
            "null_syscall", "ipc_call_reply_same_space", "ipc_call_reply_other_space",
            "signal_to_waiting_thread",
            "context_switch")] + [("expect", r"^bench done$")]),
    dict(name="debug_calls", image="test_debug_calls", exit=0, steps=KERNEL_UP + [
        ("expect", r"^ready queues:\n  running: 'debug-root'#1, priority 255$"),
        ("expect", r"^  #\d+ named-worker +inactive"),
        ("expect", r"^dump cnode of a TCB: 2$"),
        ("expect", r"^cnode 0x[0-9a-f]+: radix 8, guard 0 \(56 bits\)$"),
        ("expect", r"^ +1 tcb "),
        ("expect", r"^ +2 cnode "),
        ("expect", r"^ +9 untyped "),
        ("expect", r"^self-check: 0 problems$"),
    ]),
    # A real device interrupt: the UART's receive IRQ, through the PLIC, to a notification.
    dict(name="uart_interrupt", image="test_uart_irq", exit=0, steps=KERNEL_UP + [
        step for key in "abc" for step in (
            ("expect", r"^uart_irq: waiting for a key$"),
            ("send", key),
            ("expect", r"^uart_irq: interrupt \(badge 0\), received '%s'$" % key))]),
    # KataOS's reclaimable root task: revoking CAIRN_CAP_INIT_UNTYPED frees all of it.
    dict(name="reclaim_roottask", image="test_reclaim_roottask", exit=0, steps=KERNEL_UP + [
        ("expect", r"^reclaim: root task region (?P<kib>\d+) KiB, \d+ pages copied"),
        ("expect", r"^reclaim: region of <<kib>> KiB: \d+ bytes free before the revoke, "
                   r"\d+ after; self-check 0$"),
        ("expect", r"^reclaim: all of the root task's memory is back$"),
    ]),
    # The boot archive arrives whole, zero-padded and read-only.
    dict(name="boot_archive", image="test_archive", exit=0, steps=KERNEL_UP + [
        ("expect", r"^archive: at 0x20000000, 12411 bytes$"),
        ("expect", r"^archive: 0 bytes differ from the pattern$"),
        ("expect", r"^archive: writing into it \(must fault\)$"),
        ("expect", r"^fault: thread 'roottask' #1: store page fault at address 0x20000000 "),
    ] + STILL_ANSWERS),
    # A component from the boot archive, loaded and started as the root server does.
    dict(name="loader", image="test_loader", exit=0, steps=KERNEL_UP + [
        ("expect", r"^loader: hello.elf \(\d+ bytes\) loaded: [1-9]\d* frames, [1-9] page tables"),
        ("expect", r"^hello: a component in its own address space: data 42, bss 0, own caps ok$"),
        ("expect", r"^loader: the component signalled \(badge 1\); self-check 0$"),
    ]),
    # lib/rpc between two threads: statuses, badges, long messages, bound signals.
    dict(name="rpc", image="test_rpc", exit=0, steps=KERNEL_UP + [
        ("expect", r"^rpc: (?P<n>[1-9]\d*) checks passed, 0 failed$"),
    ]),
    # lib/heap on the target: a seeded random run with heap_check after every step.
    dict(name="heap", image="test_heap", exit=0, steps=KERNEL_UP + [
        ("expect", r"^heap: [1-9]\d* operations, heap_check clean$"),
    ]),
    dict(name="panic_on_bad_roottask", image="test_truncated_roottask", exit=99, panic=True,
         steps=[("expect", r"^Cairn kernel "),
                ("expect", r"^KERNEL PANIC: root task image: file truncated$")]),
]
