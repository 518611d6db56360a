/*
 * start.c: from crt0 to main in a root task: point tp at the thread's IPC buffer
 * (cairn.h keeps it there), then run main with the boot info.
 */
#include "cairn.h"

int main(const struct cairn_bootinfo *info);
int cairn_root_start(const struct cairn_bootinfo *info);

int cairn_root_start(const struct cairn_bootinfo *info)
{
    __asm__ volatile("mv tp, %0" ::"r"(CAIRN_ROOT_IPC_BUFFER_VADDR));
    return main(info);
}
