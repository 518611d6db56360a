# tests.mk: everything `make test` runs.
#
# - tests/kernel/<name>.c: a root task; it becomes build/images/test_<name>.elf and
#   tests/qemu_cases.py says what its boot must print.
# - tests/host/test_<name>.c: a cmocka test of host-buildable code, under ASan/UBSan.
# - static analysis: GCC's -fanalyzer and cppcheck over all target C code.
# tests/run.py runs all of it in parallel and ends with "N passed, N failed".

KERNEL_TESTS := $(basename $(notdir $(wildcard tests/kernel/*.c)))
$(foreach t,$(KERNEL_TESTS),$(eval $(call user_program,test_$(t),tests/kernel/$(t).c)))
TEST_IMAGES := $(patsubst %,$(BUILD)/images/test_%.elf,$(KERNEL_TESTS))

kernel-images: $(SYSTEM_IMAGES) $(TEST_IMAGES)
user-programs: $(USER_PROGRAMS)

# --- host unit tests -------------------------------------------------------------
HOST_CC := gcc
HOST_CFLAGS := -std=c11 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer $(WARNINGS) -Wno-missing-prototypes \
               -Ikernel/core $(SHARED_INCLUDES) -MMD -MP

# host_test(name, sources under test)
define host_test
$(BUILD)/host/test_$(1): tests/host/test_$(1).c $(2)
	@mkdir -p $$(@D)
	@echo "  HOSTCC  $$@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $$@ tests/host/test_$(1).c $(2) -lcmocka
HOST_TESTS += $(BUILD)/host/test_$(1)
endef
$(eval $(call host_test,fmt,lib/fmt/src/fmt.c))
$(eval $(call host_test,elf,lib/elf/src/elf.c))
$(eval $(call host_test,fdt,kernel/core/fdt.c))
$(eval $(call host_test,region,kernel/core/region.c))

# Real device trees from this QEMU, as test input for the FDT parser.
$(BUILD)/host/virt-%.dtb:
	@mkdir -p $(@D)
	@echo "  DTB     $@"
	$(Q)$(QEMU) -machine virt,dumpdtb=$@ -m $* -bios default -nographic >/dev/null

HOST_TEST_INPUTS := $(BUILD)/host/virt-128M.dtb $(BUILD)/host/virt-3M.dtb \
                    $(BUILD)/host/virt-2G.dtb $(BUILD)/user/rootserver.elf
host-tests: $(HOST_TESTS) $(HOST_TEST_INPUTS)

# --- static analysis -------------------------------------------------------------
ANALYZED_SRCS := $(sort $(filter %.c,$(KERNEL_SRCS) $(LIBCAIRN_SRCS)) $(wildcard system/*/*.c tests/kernel/*.c))

analyze-gcc:
	@for f in $(filter %.c,$(ANALYZED_SRCS)); do \
		$(CROSS)gcc $(KERNEL_CFLAGS) -Ilib/cairn/include -fanalyzer -c $$f -o /dev/null \
			-MF /dev/null || exit 1; \
	done
	@echo "gcc -fanalyzer: $(words $(filter %.c,$(ANALYZED_SRCS))) files clean"

analyze-cppcheck:
	@cppcheck --quiet --error-exitcode=1 --inline-suppr \
		--enable=warning,style,performance,portability --std=c11 \
		--suppress=missingIncludeSystem --suppress=unusedFunction \
		-D__riscv -DCAIRN_DEBUG=1 -Iinclude -Ilib/cairn/include \
		$(addprefix -I,$(KERNEL_DIRS)) $(SHARED_INCLUDES) \
		$(filter %.c,$(ANALYZED_SRCS))
	@echo "cppcheck: $(words $(filter %.c,$(ANALYZED_SRCS))) files clean"

# --- the whole suite -------------------------------------------------------------
test: deps
	@$(MAKE) --no-print-directory all
	@$(PYTHON) tests/run.py --build $(BUILD)

.PHONY: test kernel-images user-programs host-tests analyze-gcc analyze-cppcheck
