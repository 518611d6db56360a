# system.mk: the root server, the services, and the system images built from a
# system description.
#
# A system image is the kernel, the root server, and a boot archive (cpio newc) holding
# the boot plan and every component's stripped ELF. For each system the analyser first
# emits the plan and one NAME_caps.h per component; each component is then compiled
# against its system's headers (so one service's binary differs between systems), the
# images are checked against the description, and the archive is packed.
#
#   system/system.desc       -> build/images/cairn.elf (the system `make run` boots)
#   tests/system/<name>.desc -> build/images/system_<name>.elf (system tests)
#
# A component's sources are system/<image>/*.c (services) or tests/system/<image>/*.c
# (components that exist only for tests); components include services' interface headers
# as "<service>/<service>.h" or "<service>.h" (-Isystem/<service> for each).

$(eval $(call user_program,rootserver,$(wildcard system/rootserver/*.c)))

SERVICE_DIRS := $(filter-out system/rootserver,$(patsubst %/,%,$(dir $(wildcard system/*/*.c))))
SERVICE_INCLUDES := $(addprefix -I,$(sort $(SERVICE_DIRS)))

# The components a description names (their image names).
desc_images = $(shell sed -n 's/^[[:space:]]*image[[:space:]]\{1,\}\([a-z0-9_]*\).*/\1/p' $(1))
component_sources = $(wildcard system/$(1)/*.c tests/system/$(1)/*.c)

# system_component(system, image): build/systems/<system>/<image>.elf
define system_component
$(BUILD)/systems/$(1)/$(2).elf: $(COMPONENT_CRT0) \
		$(patsubst %,$(BUILD)/systems/$(1)/obj/%.o,$(call component_sources,$(2))) \
		$(LIBCAIRN) $(USER_LDS)
	@echo "  LD      $$@"
	$(Q)$(CROSS)gcc $(USER_CFLAGS) $(LINK_ARCH) -static -T $(USER_LDS) -o $$@ \
		$(COMPONENT_CRT0) $$(filter-out $(COMPONENT_CRT0),$$(filter %.o,$$^)) $(LIBCAIRN) -lgcc
endef

# system_image(system, description, image file)
define system_image
$(1)_IMAGES := $(call desc_images,$(2))
$(BUILD)/systems/$(1)/gen/stamp: $(2) $(SYSDESC)
	@rm -rf $$(@D) && mkdir -p $$(@D)
	@echo "  SYSDESC $(2)"
	$(Q)$(SYSDESC) emit $(2) --out $$(@D)
	@touch $$@
$(BUILD)/systems/$(1)/obj/%.c.o: %.c $(BUILD)/systems/$(1)/gen/stamp $(FLAGS_STAMP)
	@mkdir -p $$(@D)
	@echo "  CC      $$@"
	$(Q)$(CROSS)gcc $(USER_CFLAGS) $(SERVICE_INCLUDES) -I$(BUILD)/systems/$(1)/gen -c $$< -o $$@
$$(foreach c,$$($(1)_IMAGES),$$(eval $$(call system_component,$(1),$$(c))))
$(BUILD)/systems/$(1)/archive.cpio: $$(patsubst %,$(BUILD)/systems/$(1)/%.elf,$$($(1)_IMAGES))
	@echo "  CHECK   $(2) against its images"
	$(Q)$(SYSDESC) check $(2) --images $(BUILD)/systems/$(1)
	@rm -rf $(BUILD)/systems/$(1)/archive && mkdir -p $(BUILD)/systems/$(1)/archive
	$(Q)for f in $$^; do \
		$(CROSS)objcopy --strip-all $$$$f $(BUILD)/systems/$(1)/archive/$$$$(basename $$$$f); \
	done
	$(Q)cp $(BUILD)/systems/$(1)/gen/bootplan.bin $(BUILD)/systems/$(1)/archive/
	@echo "  CPIO    $$@"
	$(Q)cd $(BUILD)/systems/$(1)/archive && ls | LC_ALL=C sort | \
		cpio --quiet -o -H newc > ../archive.cpio
$(BUILD)/systems/$(1)/embed.o: kernel/arch/riscv64/embed.S $(BUILD)/images/rootserver.stripped \
		$(BUILD)/systems/$(1)/archive.cpio
	@echo "  CC      $$@"
	$(Q)$(CROSS)gcc $(KERNEL_CFLAGS) -DROOT_IMAGE='"$(BUILD)/images/rootserver.stripped"' \
		-DARCHIVE='"$(BUILD)/systems/$(1)/archive.cpio"' -c $$< -o $$@
$(3): $(KERNEL_OBJS) $(BUILD)/systems/$(1)/embed.o $(KERNEL_LDS)
	@echo "  LD      $$@"
	$(Q)$(CROSS)gcc $(KERNEL_CFLAGS) $(LINK_ARCH) -static -T $(KERNEL_LDS) \
		-Wl,--no-warn-rwx-segments -o $$@ $(KERNEL_OBJS) $(BUILD)/systems/$(1)/embed.o -lgcc
SYSTEM_IMAGES += $(3)
endef

$(eval $(call system_image,cairn,system/system.desc,$(BUILD)/images/cairn.elf))
$(foreach d,$(wildcard tests/system/*.desc),\
    $(eval $(call system_image,$(basename $(notdir $(d))),$(d),\
        $(BUILD)/images/system_$(basename $(notdir $(d))).elf)))

# The debug console's scripts, and the test system whose console has test scripts too.
include system/debug_console/scripts.mk
