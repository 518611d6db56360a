# bootplan.mk: the boot-plan reader (lib/bootplan), compiled for user programs into
# build/user/libbootplan.a. The root server links it with the plan the analyser emits
# (tools/tools.mk builds the host side). Its include directory is added for its own
# object only; a program that reads plans adds $(BOOTPLAN_INCLUDE) the same way.

BOOTPLAN_INCLUDE := -Ilib/bootplan/include
BOOTPLAN_USER_OBJ := $(BUILD)/user/lib/bootplan/src/bootplan.c.o
BOOTPLAN_USER_LIB := $(BUILD)/user/libbootplan.a

$(BOOTPLAN_USER_OBJ): USER_CFLAGS += $(BOOTPLAN_INCLUDE)

$(BOOTPLAN_USER_LIB): $(BOOTPLAN_USER_OBJ)
	@rm -f $@
	@echo "  AR      $@"
	$(Q)$(CROSS)ar rcs $@ $^

user-programs: $(BOOTPLAN_USER_LIB)
