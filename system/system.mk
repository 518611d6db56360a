# system.mk: the system's own programs. Today: the root task (rootserver).

$(eval $(call user_program,rootserver,$(wildcard system/rootserver/*.c)))

SYSTEM_IMAGES := $(BUILD)/images/cairn.elf
