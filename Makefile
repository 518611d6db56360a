# Cairn's one entry point. `make run` boots the system, `make test` runs every test;
# both first install whatever Debian packages are missing (scripts/deps.sh).
# Non-recursive: each directory adds its rules through a .mk fragment included below.
#
#   make            build everything (kernel images, user programs, host tests)
#   make run        boot build/images/cairn.elf in QEMU on this terminal
#   make test       host unit tests, static analysis and QEMU tests; ends "N passed, N failed"
#   make bench      print the size and boot-cost table
#   make debug      QEMU halted with a gdb stub, gdb-multiarch attached with symbols
#   make fuzz       the parser fuzzers (FUZZ_SECONDS each), then 1,000,000 random syscalls
#   make graph      the system description's authority graph as build/system.svg
#   make prove      Frama-C WP proofs of the capability core's contracts (also in make test)
#   make clean      remove build/

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

BUILD := build
CROSS := riscv64-unknown-elf-
CAIRN_DEBUG ?= 1
QEMU := qemu-system-riscv64
QEMU_MEMORY ?= 128M
QEMU_FLAGS := -machine virt -bios default -nographic -m $(QEMU_MEMORY)
PYTHON := /usr/bin/python3
# V=1 shows every command.
Q := $(if $(filter 1,$(V)),,@)

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wundef -Wvla -Wformat=2
TARGET_CFLAGS := -std=c11 -O2 -g -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany \
                 -ffreestanding -fno-common -fno-pie -fno-stack-protector -nostdlib \
                 $(WARNINGS) -MMD -MP

# At link time -march must name a multilib exactly ("rv64imac", without the zicsr and
# zifencei suffixes) or GCC silently picks the default lp64d libgcc, which cannot link.
LINK_ARCH := -march=rv64imac -mabi=lp64

# Freestanding libraries compiled into the kernel and into user programs alike.
SHARED_LIB_DIRS := lib/fmt lib/elf lib/cstring
SHARED_INCLUDES := -Iinclude $(addprefix -I,$(addsuffix /include,$(SHARED_LIB_DIRS)))

all: kernel-images user-programs tools host-tests fuzz-targets

deps:
	@sh scripts/deps.sh

# Target objects depend on the flags they were compiled with: the stamp changes only when
# the flags do, so a changed flag (say, CAIRN_DEBUG) rebuilds everything it affects.
FLAGS_STAMP := $(BUILD)/flags.stamp
TARGET_FLAGS_TEXT := $(TARGET_CFLAGS) CAIRN_DEBUG=$(CAIRN_DEBUG)
$(FLAGS_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(TARGET_FLAGS_TEXT)' | cmp -s - $@ || echo '$(TARGET_FLAGS_TEXT)' > $@

include kernel/kernel.mk
include lib/lib.mk
include tools/tools.mk
include system/system.mk
include tests/tests.mk
include bench/bench.mk

run: deps
	@$(MAKE) --no-print-directory $(BUILD)/images/cairn.elf
	$(QEMU) $(QEMU_FLAGS) -kernel $(BUILD)/images/cairn.elf

debug: deps
	@$(MAKE) --no-print-directory $(BUILD)/images/cairn.elf
	sh scripts/debug.sh $(BUILD)/images/cairn.elf $(BUILD)/user/rootserver.elf

# The authority graph of SYSTEM_DESC, drawn by Graphviz (tools/sysdesc makes the dot file).
SYSTEM_DESC ?= system/system.desc
graph: deps
	@$(MAKE) --no-print-directory $(SYSDESC)
	$(Q)$(SYSDESC) graph $(SYSTEM_DESC) > $(BUILD)/system.dot
	$(Q)dot -Tsvg $(BUILD)/system.dot -o $(BUILD)/system.svg
	@echo "wrote $(BUILD)/system.svg"

clean:
	rm -rf $(BUILD)

.PHONY: all deps run debug graph clean

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
