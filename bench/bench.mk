# bench.mk: `make bench` prints sizes and boot cost as a table (never asserted).

bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/images/cairn.elf
	$(PYTHON) bench/bench.py --image $(BUILD)/images/cairn.elf --cross $(CROSS)

.PHONY: bench
