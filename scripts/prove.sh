#!/bin/sh
# prove.sh: `make prove` - Frama-C's WP, with its runtime-error checks (-wp-rte), over the
# functions of the capability core that carry ACSL contracts. Succeeds only when every
# goal is proved. Provers: Z3 and CVC4 (Debian has no Alt-Ergo package).
# Usage: scripts/prove.sh <build dir>
set -eu
build=$1
# The CNode walk, then the derivation tree's insert and remove (with remove's helpers).
cspace=bits_below,cspace_step,failed,cnode_slot,cspace_resolve,cspace_lookup_slot,cspace_lookup_cap
cdt=cdt_insert,last_child,unlink_leaf,reparent_run,splice_run,clear_slot,cdt_remove
functions=$cspace,$cdt
files="kernel/core/cspace.c kernel/core/cdt.c"
mkdir -p "$build"
[ -f "$HOME/.why3.conf" ] || why3 config detect >/dev/null 2>&1
frama-c -c11 -wp -wp-rte -wp-prover z3,cvc4 -wp-timeout 30 -wp-fct "$functions" \
    -cpp-extra-args="-Iinclude -Ikernel/core -Ikernel/object" $files > "$build/prove.log" 2>&1 || {
    cat "$build/prove.log"; exit 1; }
summary=$(grep 'Proved goals' "$build/prove.log" | tail -n 1)
echo "frama-c wp ($functions): $summary"
proved=$(echo "$summary" | sed -E 's/.*: *([0-9]+) *\/ *([0-9]+).*/\1/')
total=$(echo "$summary" | sed -E 's/.*: *([0-9]+) *\/ *([0-9]+).*/\2/')
if [ -z "$summary" ] || [ "$proved" != "$total" ]; then
    grep -E 'Failed|Unknown|Timeout' "$build/prove.log" || true
    exit 1
fi
