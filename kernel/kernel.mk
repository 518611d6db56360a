# kernel.mk: the kernel's objects, and one bootable image per root task.
#
# An image is the kernel's objects plus an object that embeds a root-task ELF
# (kernel/arch/riscv64/embed.S with .incbin). Root tasks are named by the user
# programs they come from: build/images/<name>.elf embeds build/user/<name>.elf.

KERNEL_DIRS := kernel/arch/riscv64 kernel/core kernel/object
KERNEL_SRCS := $(wildcard kernel/arch/riscv64/*.c kernel/core/*.c kernel/object/*.c) \
               $(filter-out %/embed.S,$(wildcard kernel/arch/riscv64/*.S)) \
               $(foreach d,$(SHARED_LIB_DIRS),$(wildcard $(d)/src/*.c))
KERNEL_OBJS := $(patsubst %,$(BUILD)/kernel/%.o,$(KERNEL_SRCS))
KERNEL_CFLAGS := $(TARGET_CFLAGS) -DCAIRN_DEBUG=$(CAIRN_DEBUG) \
                 $(addprefix -I,$(KERNEL_DIRS)) $(SHARED_INCLUDES)
KERNEL_LDS := kernel/arch/riscv64/kernel.ld

$(BUILD)/kernel/%.c.o: %.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CROSS)gcc $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/kernel/%.S.o: %.S $(FLAGS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CROSS)gcc $(KERNEL_CFLAGS) -c $< -o $@

# The embedded copy is stripped: symbols stay in build/user/<name>.elf for gdb.
$(BUILD)/images/%.stripped: $(BUILD)/user/%.elf
	@mkdir -p $(@D)
	$(Q)$(CROSS)objcopy --strip-all $< $@

# An image may also carry a boot archive: set EMBED_ARCHIVE for its embed.o (and make
# the archive a prerequisite of it), as system.mk does for cairn.elf.
$(BUILD)/images/%.embed.o: kernel/arch/riscv64/embed.S $(BUILD)/images/%.stripped
	@echo "  CC      $@"
	$(Q)$(CROSS)gcc $(KERNEL_CFLAGS) -DROOT_IMAGE='"$(BUILD)/images/$*.stripped"' \
		$(if $(EMBED_ARCHIVE),-DARCHIVE='"$(EMBED_ARCHIVE)"') -c $< -o $@

$(BUILD)/images/%.elf: $(KERNEL_OBJS) $(BUILD)/images/%.embed.o $(KERNEL_LDS)
	@echo "  LD      $@"
	$(Q)$(CROSS)gcc $(KERNEL_CFLAGS) $(LINK_ARCH) -static -T $(KERNEL_LDS) -Wl,--no-warn-rwx-segments \
		-o $@ $(KERNEL_OBJS) $(BUILD)/images/$*.embed.o -lgcc

# Every root task in build/user gets an image; system/system.mk makes the system images
# (cairn.elf among them).
.PRECIOUS: $(BUILD)/images/%.embed.o $(BUILD)/images/%.stripped
