# lib.mk: libcairn, the user-side library (crt0, system-call stubs, printf), built
# together with the user-level libraries (RPC, logging) and the freestanding libraries
# into one archive every program links.

USER_LIB_DIRS := lib/cairn lib/rpc lib/log lib/cpio lib/heap lib/bootplan
USER_INCLUDES := $(addprefix -I,$(addsuffix /include,$(USER_LIB_DIRS)))
USER_CFLAGS := $(TARGET_CFLAGS) $(USER_INCLUDES) $(SHARED_INCLUDES)
USER_LDS := lib/cairn/user.ld
LIBCAIRN_SRCS := $(foreach d,$(USER_LIB_DIRS) $(SHARED_LIB_DIRS),$(wildcard $(d)/src/*.c))
LIBCAIRN_OBJS := $(patsubst %,$(BUILD)/user/%.o,$(LIBCAIRN_SRCS))
CRT0 := $(BUILD)/user/lib/cairn/src/crt0.S.o
COMPONENT_CRT0 := $(BUILD)/user/lib/cairn/src/component_crt0.S.o
LIBCAIRN := $(BUILD)/user/libcairn.a

$(BUILD)/user/%.c.o: %.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CROSS)gcc $(USER_CFLAGS) -c $< -o $@

$(BUILD)/user/%.S.o: %.S $(FLAGS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CROSS)gcc $(USER_CFLAGS) -c $< -o $@

$(LIBCAIRN): $(LIBCAIRN_OBJS)
	@rm -f $@
	@echo "  AR      $@"
	$(Q)$(CROSS)ar rcs $@ $^

# program(name, sources, crt0): build/user/<name>.elf
define program
$(BUILD)/user/$(1).elf: $(3) $(patsubst %,$(BUILD)/user/%.o,$(2)) $(LIBCAIRN) $(USER_LDS)
	@echo "  LD      $$@"
	$(Q)$(CROSS)gcc $(USER_CFLAGS) $(LINK_ARCH) -static -T $(USER_LDS) -o $$@ $(3) \
		$(patsubst %,$(BUILD)/user/%.o,$(2)) $(LIBCAIRN) -lgcc
USER_PROGRAMS += $(BUILD)/user/$(1).elf
endef

# user_program(name, sources): a root task (entered with the boot info in a0).
user_program = $(call program,$(1),$(2),$(CRT0))

# component_program(name, sources): a component the root server starts (component_crt0.S).
component_program = $(call program,$(1),$(2),$(COMPONENT_CRT0))
