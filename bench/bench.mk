# bench.mk: `make bench` prints sizes and boot cost as a table (never asserted).

$(eval $(call user_program,bench_ipc,bench/ipc_bench.c))
BENCH_IMAGES := $(BUILD)/images/cairn.elf $(BUILD)/images/bench_ipc.elf

bench: deps
	@$(MAKE) --no-print-directory $(BENCH_IMAGES)
	$(PYTHON) bench/bench.py --image $(BUILD)/images/cairn.elf \
		--ipc-image $(BUILD)/images/bench_ipc.elf --cross $(CROSS)

.PHONY: bench
