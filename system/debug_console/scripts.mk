# scripts.mk: the debug console's scripts, built into its image as a read-only table.
#
# system/debug_console/scripts/NAME.cairn are the scripts the console of the real system
# has (`autostart` runs at boot); embed_scripts.py writes them as a C table
# (script_store.h), compiled and linked into that system's debug_console.elf.
#
# build/images/system_shell_scripts.elf is the real system (system/system.desc) once more,
# its console also holding tests/system/console_scripts/*.cairn: scripts that exist only
# to show the console refusing what a script must not do, which users have no use for.

EMBED_SCRIPTS := system/debug_console/embed_scripts.py
CONSOLE_SCRIPTS := $(wildcard system/debug_console/scripts/*.cairn)
TEST_CONSOLE_SCRIPTS := $(wildcard tests/system/console_scripts/*.cairn)

# console_scripts(system, scripts). The list file changes only when the list does, so a
# script added or removed rebuilds the table.
define console_scripts
$(BUILD)/systems/$(1)/scripts/list: FORCE
	@mkdir -p $$(@D)
	@echo '$(2)' | cmp -s - $$@ || echo '$(2)' > $$@
$(BUILD)/systems/$(1)/scripts/scripts.c: $(EMBED_SCRIPTS) $(2) $(BUILD)/systems/$(1)/scripts/list
	@echo "  SCRIPTS $$@"
	$(Q)$(PYTHON) $(EMBED_SCRIPTS) $$@ $(2)
$(BUILD)/systems/$(1)/scripts/scripts.o: $(BUILD)/systems/$(1)/scripts/scripts.c \
		system/debug_console/script_store.h $(FLAGS_STAMP)
	@echo "  CC      $$@"
	$(Q)$(CROSS)gcc $(USER_CFLAGS) -Isystem/debug_console -c $$< -o $$@
$(BUILD)/systems/$(1)/debug_console.elf: $(BUILD)/systems/$(1)/scripts/scripts.o
endef

$(eval $(call console_scripts,cairn,$(CONSOLE_SCRIPTS)))
$(eval $(call system_image,shell_scripts,system/system.desc,\
    $(BUILD)/images/system_shell_scripts.elf))
$(eval $(call console_scripts,shell_scripts,$(CONSOLE_SCRIPTS) $(TEST_CONSOLE_SCRIPTS)))
