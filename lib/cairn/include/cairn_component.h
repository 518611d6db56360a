/*
 * cairn_component.h: what a component's program may define.
 *
 * A component (a service the root server starts from the system description) is linked
 * with component_crt0.S. Its first thread runs `int main(void)`; any other thread runs
 * cairn_thread_main with its index (1, 2, ... in the description's order). A thread whose
 * function returns suspends itself. The capabilities a component holds are named in
 * the header the system-description tool generates for it (NAME_caps.h).
 */
#ifndef CAIRN_COMPONENT_H
#define CAIRN_COMPONENT_H

#include <stdint.h>

/* What the root server tells a component's first thread in a2 at start: for the
 * component holding untyped memory, how many untyped capabilities it got (from
 * CAP_UNTYPED_FIRST on); 0 for the others. */
extern uint64_t cairn_component_start_word;

/* Runs thread `index` (>= 1) of a component; the default prints that it is missing. */
void cairn_thread_main(unsigned index);

#endif
