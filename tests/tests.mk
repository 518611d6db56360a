# tests.mk: everything `make test` runs.
#
# - tests/kernel/<name>.c: a root task; it becomes build/images/test_<name>.elf and
#   tests/qemu_cases.py says what its boot must print.
# - tests/host/test_<name>.c: a cmocka test of host-buildable code, under ASan/UBSan.
# - static analysis: GCC's -fanalyzer and cppcheck over all target C code.
# - tests/sysdesc/{good,bad}/*.desc: the system-description analyser's fixtures, run
#   through build/host/sysdesc (the analyser under ASan/UBSan) by tests/sysdesc/fixtures.py.
# tests/run.py runs all of it in parallel and ends with "N passed, N failed".

KERNEL_TESTS := $(basename $(notdir $(wildcard tests/kernel/*.c)))
$(foreach t,$(KERNEL_TESTS),$(eval $(call user_program,test_$(t),tests/kernel/$(t).c)))
# The conformance suite: one root task built from every file in its folder.
$(eval $(call user_program,test_conformance,$(wildcard tests/kernel/conformance/*.c)))
TEST_IMAGES := $(patsubst %,$(BUILD)/images/test_%.elf,$(KERNEL_TESTS) conformance)

# A root task cut short inside its program headers: the kernel must refuse it with a
# panic that names the problem (and QEMU must exit with the panic status).
$(BUILD)/images/test_truncated_roottask.stripped: $(BUILD)/images/rootserver.stripped
	$(Q)head -c 100 $< > $@
TEST_IMAGES += $(BUILD)/images/test_truncated_roottask.elf

# The system-call fuzzer (tests/kernel/fuzz_syscalls/): one root task from its folder for
# make test, and built a second time for the long run of `make fuzz-syscalls`:
# FUZZ_SYSCALL_STEPS steps from another seed. The flags sit in a file that changes only
# when they do, so a new count or seed rebuilds it.
FUZZ_SYSCALL_SRCS := $(wildcard tests/kernel/fuzz_syscalls/*.c)
$(eval $(call user_program,test_fuzz_syscalls,$(FUZZ_SYSCALL_SRCS)))
TEST_IMAGES += $(BUILD)/images/test_fuzz_syscalls.elf
FUZZ_SYSCALL_STEPS ?= 1000000
FUZZ_SYSCALL_SEED ?= 0x5eedf00d
FUZZ_SYSCALL_TIMEOUT ?= 3600
FUZZ_SYSCALL_FLAGS := -DFUZZ_STEPS=$(FUZZ_SYSCALL_STEPS) -DFUZZ_SEED=$(FUZZ_SYSCALL_SEED)
$(BUILD)/user/fuzz_long/flags: FORCE
	@mkdir -p $(@D)
	@echo '$(FUZZ_SYSCALL_FLAGS)' | cmp -s - $@ || echo '$(FUZZ_SYSCALL_FLAGS)' > $@
$(BUILD)/user/fuzz_long/%.c.o: tests/kernel/fuzz_syscalls/%.c \
		tests/kernel/fuzz_syscalls/fuzz.h $(BUILD)/user/fuzz_long/flags
	@echo "  CC      $@"
	$(Q)$(CROSS)gcc $(USER_CFLAGS) -Itests/kernel/fuzz_syscalls $(FUZZ_SYSCALL_FLAGS) -c $< -o $@
$(eval $(call user_program,test_fuzz_syscalls_long,$(patsubst tests/kernel/fuzz_syscalls/%,fuzz_long/%,$(FUZZ_SYSCALL_SRCS))))
TEST_IMAGES += $(BUILD)/images/test_fuzz_syscalls_long.elf

# A boot archive of known bytes (3 pages and 123 bytes, so the last page is partly
# empty) for tests/kernel/archive.c and the reclaim test, which must get it back too.
TEST_ARCHIVE := $(BUILD)/tests/archive.bin
$(TEST_ARCHIVE): tests/make_archive_pattern.py
	@mkdir -p $(@D)
	$(Q)$(PYTHON) $< $@ 12411
$(BUILD)/images/test_archive.embed.o $(BUILD)/images/test_reclaim_roottask.embed.o: \
	EMBED_ARCHIVE = $(TEST_ARCHIVE)
$(BUILD)/images/test_archive.embed.o $(BUILD)/images/test_reclaim_roottask.embed.o: \
	$(TEST_ARCHIVE)

# Components for tests (tests/components/<name>.c), and the loader test's archive.
$(foreach c,$(basename $(notdir $(wildcard tests/components/*.c))),\
    $(eval $(call component_program,component_$(c),tests/components/$(c).c)))
LOADER_ARCHIVE := $(BUILD)/tests/loader.cpio
$(LOADER_ARCHIVE): $(BUILD)/user/component_hello.elf
	@mkdir -p $(BUILD)/tests/loader
	$(Q)$(CROSS)objcopy --strip-all $< $(BUILD)/tests/loader/hello.elf
	$(Q)cd $(BUILD)/tests/loader && echo hello.elf | cpio --quiet -o -H newc > ../loader.cpio
$(BUILD)/images/test_loader.embed.o: EMBED_ARCHIVE = $(LOADER_ARCHIVE)
$(BUILD)/images/test_loader.embed.o: $(LOADER_ARCHIVE)

kernel-images: $(SYSTEM_IMAGES) $(TEST_IMAGES) $(BUILD)/images/bench_ipc.elf
user-programs: $(USER_PROGRAMS)

# --- host unit tests -------------------------------------------------------------
HOST_CC := gcc
HOST_CFLAGS := -std=c11 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer $(WARNINGS) -Wno-missing-prototypes \
               -Ikernel/core -Ikernel/object $(SHARED_INCLUDES) $(USER_INCLUDES) \
               -Itools/sysdesc -Ilib/bootplan/include -Isystem/debug_console \
               -Isystem/timer_service -MMD -MP

# host_test(name, sources under test)
define host_test
$(BUILD)/host/test_$(1): tests/host/test_$(1).c $(2)
	@mkdir -p $$(@D)
	@echo "  HOSTCC  $$@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $$@ tests/host/test_$(1).c $(2) -lcmocka
HOST_TESTS += $(BUILD)/host/test_$(1)
endef
$(eval $(call host_test,fmt,lib/fmt/src/fmt.c))
$(eval $(call host_test,elf,lib/elf/src/elf.c tests/host/elf_writer.c tests/host/host_file.c))
$(eval $(call host_test,fdt,kernel/core/fdt.c tests/host/fdt_writer.c))
$(eval $(call host_test,fdt_real,kernel/core/fdt.c tests/host/fdt_writer.c tests/host/host_file.c))
$(eval $(call host_test,region,kernel/core/region.c))
$(eval $(call host_test,cpio,lib/cpio/src/cpio.c tests/host/host_file.c))
$(eval $(call host_test,line_editor,system/debug_console/line_editor.c))
$(eval $(call host_test,heap,lib/heap/src/heap.c))
$(eval $(call host_test,duration,system/debug_console/duration.c))
$(eval $(call host_test,script_lines,system/debug_console/script_lines.c))
$(eval $(call host_test,timers,system/timer_service/timers.c))
$(eval $(call host_test,cdt,kernel/core/cdt.c kernel/object/cap.c tests/host/cdt_pool.c))
$(eval $(call host_test,cdt_check,kernel/core/cdt.c kernel/object/cap.c tests/host/cdt_pool.c))
$(eval $(call host_test,cspace,kernel/core/cspace.c kernel/core/cdt.c kernel/object/cap.c))
$(eval $(call host_test,cspace_random,kernel/core/cspace.c kernel/core/cdt.c kernel/object/cap.c))

# The analyser and the boot-plan reader, compiled once under the sanitizers into an archive
# for its host tests (SYSDESC_HEADERS: a test is rebuilt when any of them changes).
SYSDESC_HEADERS := $(wildcard tools/sysdesc/*.h) lib/bootplan/include/bootplan.h
SYSDESC_HOST_LIB := $(BUILD)/host/libsysdesc.a
$(BUILD)/host/obj/%.c.o: %.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@
$(SYSDESC_HOST_LIB): $(patsubst %,$(BUILD)/host/obj/%.o,$(SYSDESC_LIB_SRCS))
	@rm -f $@
	$(Q)ar rcs $@ $^
$(BUILD)/host/sysdesc: $(BUILD)/host/obj/tools/sysdesc/main.c.o $(SYSDESC_HOST_LIB)
	@echo "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $^

# The analyser's host tests: the lexer alone, and the rest against the archive.
SYSDESC_TEST_LIBS := tests/host/sysdesc_text.c $(SYSDESC_HOST_LIB)
$(eval $(call host_test,sysdesc_lex,tools/sysdesc/lex.c tools/sysdesc/diag.c))
$(eval $(call host_test,sysdesc_parse,$(SYSDESC_TEST_LIBS)))
$(eval $(call host_test,sysdesc_check,$(SYSDESC_TEST_LIBS)))
$(eval $(call host_test,sysdesc_plan,$(SYSDESC_TEST_LIBS)))
$(eval $(call host_test,sysdesc_bootplan,$(SYSDESC_TEST_LIBS)))
$(filter $(BUILD)/host/test_sysdesc%,$(HOST_TESTS)): $(SYSDESC_HEADERS) tests/host/sysdesc_text.h

# The ELF files the fixtures marked `# with-images` are checked against.
SYSDESC_IMAGES := $(BUILD)/sysdesc/images
$(BUILD)/sysdesc/make_images: tests/sysdesc/make_images.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $<
$(SYSDESC_IMAGES)/tiny.elf: $(BUILD)/sysdesc/make_images $(BUILD)/user/rootserver.elf
	@mkdir -p $(@D)
	$(Q)$< $(@D) && cp $(BUILD)/user/rootserver.elf $(@D)/rootserver.elf

# Real device trees from this QEMU, as test input for the FDT parser.
$(BUILD)/host/virt-%.dtb:
	@mkdir -p $(@D)
	@echo "  DTB     $@"
	$(Q)$(QEMU) -machine virt,dumpdtb=$@ -m $* -bios default -nographic >/dev/null

HOST_TEST_INPUTS := $(BUILD)/host/virt-128M.dtb $(BUILD)/host/virt-3M.dtb \
                    $(BUILD)/host/virt-2G.dtb $(BUILD)/user/rootserver.elf \
                    $(BUILD)/host/real.cpio

# An archive written by GNU cpio, for test_cpio: a file, a directory, a file inside it.
$(BUILD)/host/real.cpio:
	@mkdir -p $(BUILD)/host/cpio_src/sub
	@printf 'hello\n' > $(BUILD)/host/cpio_src/hello.txt
	@printf 'abc' > $(BUILD)/host/cpio_src/sub/three.bin
	$(Q)cd $(BUILD)/host/cpio_src && printf 'hello.txt\nsub\nsub/three.bin\n' | \
		cpio --quiet -o -H newc > ../real.cpio
host-tests: $(HOST_TESTS) $(HOST_TEST_INPUTS) $(BUILD)/host/sysdesc $(SYSDESC_IMAGES)/tiny.elf

# --- static analysis -------------------------------------------------------------
ANALYZED_SRCS := $(sort $(filter %.c,$(KERNEL_SRCS) $(LIBCAIRN_SRCS)) \
                   $(wildcard system/*/*.c tests/kernel/*.c tests/kernel/*/*.c) \
                   lib/bootplan/src/bootplan.c)
ANALYZED_HOST_SRCS := $(wildcard tests/host/*.c tests/fuzz/*.c tests/sysdesc/*.c tools/*/*.c)
# Components are analysed against the headers of the system they are built for.
ANALYZED_INCLUDES := -Itools/sysdesc -Ilib/bootplan/include $(SERVICE_INCLUDES) \
                     -I$(BUILD)/systems/cairn/gen

analyze-gcc analyze-cppcheck: $(BUILD)/systems/cairn/gen/stamp
analyze-gcc:
	@for f in $(ANALYZED_SRCS); do \
		$(CROSS)gcc $(KERNEL_CFLAGS) $(USER_INCLUDES) $(ANALYZED_INCLUDES) -fanalyzer \
			-c $$f -o /dev/null \
			-MF /dev/null || exit 1; \
	done
	@for f in $(ANALYZED_HOST_SRCS); do \
		$(HOST_CC) -std=c11 $(WARNINGS) -Wno-missing-prototypes -Ikernel/core -Ikernel/object \
			$(SHARED_INCLUDES) $(USER_INCLUDES) $(ANALYZED_INCLUDES) \
			-fanalyzer -c $$f -o /dev/null || exit 1; \
	done
	@echo "gcc -fanalyzer: $(words $(ANALYZED_SRCS) $(ANALYZED_HOST_SRCS)) files clean"

analyze-cppcheck:
	@cppcheck --quiet --error-exitcode=1 --inline-suppr \
		--enable=warning,style,performance,portability --std=c11 \
		--suppress=missingIncludeSystem --suppress=unusedFunction \
		-D__riscv -DCAIRN_DEBUG=1 -Iinclude $(USER_INCLUDES) \
		$(addprefix -I,$(KERNEL_DIRS)) $(SHARED_INCLUDES) $(ANALYZED_INCLUDES) \
		$(ANALYZED_SRCS) $(ANALYZED_HOST_SRCS)
	@echo "cppcheck: $(words $(ANALYZED_SRCS) $(ANALYZED_HOST_SRCS)) files clean"

# --- proofs ----------------------------------------------------------------------
prove:
	@sh scripts/prove.sh $(BUILD)

.PHONY: prove

# --- the whole suite -------------------------------------------------------------
test: deps
	@$(MAKE) --no-print-directory all
	@$(PYTHON) tests/run.py --build $(BUILD)

.PHONY: test kernel-images user-programs host-tests analyze-gcc analyze-cppcheck

# --- fuzzing ---------------------------------------------------------------------
# libFuzzer targets, one per parser of outside input and one for lib/heap under random
# use. `make test` runs each for a fixed number of inputs (deterministic seed); `make fuzz`
# runs each for FUZZ_SECONDS, then the system-call fuzzer for FUZZ_SYSCALL_STEPS steps
# (fuzz-syscalls below).
FUZZ_CC := clang
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
               -Wall -Wextra -Werror -Ikernel/core $(SHARED_INCLUDES) -Ilib/cpio/include \
               -Ilib/heap/include -Itools/sysdesc -Ilib/bootplan/include \
               -Isystem/debug_console
FUZZ_SECONDS ?= 60

# fuzz_target(name, sources under test)
define fuzz_target
$(BUILD)/fuzz/fuzz_$(1): tests/fuzz/fuzz_$(1).c $(2)
	@mkdir -p $$(@D)
	@echo "  FUZZCC  $$@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $$@ tests/fuzz/fuzz_$(1).c $(2)
FUZZ_TARGETS += $(BUILD)/fuzz/fuzz_$(1)
endef
$(eval $(call fuzz_target,fdt,kernel/core/fdt.c))
$(eval $(call fuzz_target,elf,lib/elf/src/elf.c))
$(eval $(call fuzz_target,cpio,lib/cpio/src/cpio.c))
$(eval $(call fuzz_target,heap,lib/heap/src/heap.c))
$(eval $(call fuzz_target,line_editor,system/debug_console/line_editor.c))
$(eval $(call fuzz_target,sysdesc,$(SYSDESC_LIB_SRCS)))
$(eval $(call fuzz_target,bootplan,lib/bootplan/src/bootplan.c))
$(eval $(call fuzz_target,duration,system/debug_console/duration.c))
$(eval $(call fuzz_target,script_lines,system/debug_console/script_lines.c))
$(FUZZ_TARGETS): $(SYSDESC_HEADERS)

# Seed corpora: real device trees and real ELFs from this build; for the heap, every
# byte value in turn (each one a different operation and size); the analyser's fixtures,
# and the boot plans of its good fixtures.
$(BUILD)/fuzz/corpus_fdt: $(filter %.dtb,$(HOST_TEST_INPUTS))
	@mkdir -p $@ && cp $^ $@/
$(BUILD)/fuzz/corpus_elf: $(USER_PROGRAMS)
	@mkdir -p $@ && cp $^ $@/
$(BUILD)/fuzz/corpus_cpio: $(BUILD)/host/real.cpio
	@mkdir -p $@ && cp $^ $@/
$(BUILD)/fuzz/corpus_heap:
	@mkdir -p $@
	@$(PYTHON) -c 'import sys; sys.stdout.buffer.write(bytes(range(256)))' > $@/counting

$(BUILD)/fuzz/corpus_sysdesc: $(wildcard tests/sysdesc/good/*.desc tests/sysdesc/bad/*.desc)
	@mkdir -p $@ && cp $^ $@/
$(BUILD)/fuzz/corpus_bootplan: $(SYSDESC) $(wildcard tests/sysdesc/good/*.desc)
	@rm -rf $@ $@.tmp && mkdir -p $@ $@.tmp
	$(Q)for f in $(filter %.desc,$^); do \
		$(SYSDESC) emit $$f --out $@.tmp && cp $@.tmp/bootplan.bin $@/$$(basename $$f .desc).bin \
			|| exit 1; \
	done; rm -rf $@.tmp

$(BUILD)/fuzz/corpus_line_editor:
	@mkdir -p $@
	@printf 'help\r\x1b[Aecho x\x7f\x15\x03\r' > $@/keys

$(BUILD)/fuzz/corpus_duration:
	@mkdir -p $@
	@printf '0.25ms' > $@/fraction

# The console's real scripts and the test scripts (CR LF, tabs, bad bytes, long lines).
$(BUILD)/fuzz/corpus_script_lines: $(CONSOLE_SCRIPTS) $(TEST_CONSOLE_SCRIPTS)
	@mkdir -p $@ && cp $^ $@/

FUZZ_NAMES := fdt elf cpio heap sysdesc bootplan line_editor duration script_lines
fuzz-targets: $(FUZZ_TARGETS) $(patsubst %,$(BUILD)/fuzz/corpus_%,$(FUZZ_NAMES))

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-targets
	@for t in $(FUZZ_NAMES); do \
		echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
		mkdir -p $(BUILD)/fuzz/found_$$t; \
		$(BUILD)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/found_$$t \
			$(BUILD)/fuzz/corpus_$$t || exit 1; \
	done
	@$(MAKE) --no-print-directory fuzz-syscalls

# The kernel under random system calls: boots the long fuzzer image and shows its own
# lines (the whole serial output goes to build/fuzz/syscalls.log). A panic, a failed
# check, a hang (no halt within FUZZ_SYSCALL_TIMEOUT s) or a non-zero exit fails it.
FUZZ_SYSCALL_LOG := $(BUILD)/fuzz/syscalls.log
fuzz-syscalls: deps
	@$(MAKE) --no-print-directory $(BUILD)/images/test_fuzz_syscalls_long.elf
	@mkdir -p $(BUILD)/fuzz
	@echo "fuzzing system calls: $(FUZZ_SYSCALL_STEPS) steps, seed $(FUZZ_SYSCALL_SEED)"
	@start=$$(date +%s); \
	{ timeout $(FUZZ_SYSCALL_TIMEOUT) $(QEMU) $(QEMU_FLAGS) \
		-kernel $(BUILD)/images/test_fuzz_syscalls_long.elf < /dev/null 2>&1; \
	  echo "qemu exit status $$?"; } | tr -d '\r' | tee $(FUZZ_SYSCALL_LOG) | \
		grep -a --line-buffered -E '^(fuzz|KERNEL PANIC|self-check|qemu exit)'; \
	echo "fuzz-syscalls: $$(( $$(date +%s) - start )) s, log in $(FUZZ_SYSCALL_LOG)"; \
	grep -q '^qemu exit status 0$$' $(FUZZ_SYSCALL_LOG) && \
		grep -q '^fuzz_syscalls: .*self-check clean$$' $(FUZZ_SYSCALL_LOG)

.PHONY: fuzz fuzz-targets fuzz-syscalls FORCE
