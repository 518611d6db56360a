# lib.mk: libcairn, the user-side library (crt0, system-call stubs, printf), built
# together with the user-level libraries (RPC, logging) and the freestanding libraries
# into one archive every program links.

USER_LIB_DIRS := lib/cairn lib/rpc lib/log lib/cpio
USER_INCLUDES := $(addprefix -I,$(addsuffix /include,$(USER_LIB_DIRS)))
USER_CFLAGS := $(TARGET_CFLAGS) $(USER_INCLUDES) $(SHARED_INCLUDES)
USER_LDS := lib/cairn/user.ld
LIBCAIRN_SRCS := $(foreach d,$(USER_LIB_DIRS) $(SHARED_LIB_DIRS),$(wildcard $(d)/src/*.c))
LIBCAIRN_OBJS := $(patsubst %,$(BUILD)/user/%.o,$(LIBCAIRN_SRCS))
CRT0 := $(BUILD)/user/lib/cairn/src/crt0.S.o
LIBCAIRN := $(BUILD)/user/libcairn.a

$(BUILD)/user/%.c.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CROSS)gcc $(USER_CFLAGS) -c $< -o $@

$(BUILD)/user/%.S.o: %.S
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CROSS)gcc $(USER_CFLAGS) -c $< -o $@

$(LIBCAIRN): $(LIBCAIRN_OBJS)
	@rm -f $@
	@echo "  AR      $@"
	$(Q)$(CROSS)ar rcs $@ $^

# user_program(name, sources): build/user/<name>.elf
define user_program
$(BUILD)/user/$(1).elf: $(CRT0) $(patsubst %,$(BUILD)/user/%.o,$(2)) $(LIBCAIRN) $(USER_LDS)
	@echo "  LD      $$@"
	$(Q)$(CROSS)gcc $(USER_CFLAGS) $(LINK_ARCH) -static -T $(USER_LDS) -o $$@ $(CRT0) \
		$(patsubst %,$(BUILD)/user/%.o,$(2)) $(LIBCAIRN) -lgcc
USER_PROGRAMS += $(BUILD)/user/$(1).elf
endef
