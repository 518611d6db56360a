# tools.mk: host tools, built with the host compiler. Today: sysdesc, the system-description
# analyser (tools/sysdesc/, docs/system-description.md), at build/tools/sysdesc.
#
# tests/tests.mk builds the same sources a second time under ASan/UBSan for the fixture
# tests, the host tests and the fuzzers (SYSDESC_LIB_SRCS: everything but main.c).

TOOLS_CC := gcc
SYSDESC_SRCS := $(wildcard tools/sysdesc/*.c) lib/bootplan/src/bootplan.c lib/elf/src/elf.c
SYSDESC_LIB_SRCS := $(filter-out tools/sysdesc/main.c,$(SYSDESC_SRCS))
SYSDESC_INCLUDES := -Itools/sysdesc -Ilib/bootplan/include $(SHARED_INCLUDES)
TOOLS_CFLAGS := -std=c11 -O2 -g $(WARNINGS) $(SYSDESC_INCLUDES) -MMD -MP
SYSDESC := $(BUILD)/tools/sysdesc

$(BUILD)/tools/obj/%.c.o: %.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(TOOLS_CC) $(TOOLS_CFLAGS) -c $< -o $@

$(SYSDESC): $(patsubst %,$(BUILD)/tools/obj/%.o,$(SYSDESC_SRCS))
	@echo "  HOSTLD  $@"
	$(Q)$(TOOLS_CC) -o $@ $^

tools: $(SYSDESC)

.PHONY: tools
