/*
 * embed.S: puts one root-task ELF (ROOT_IMAGE, a path given by the build) into the
 * kernel image, in the page-aligned .rootimage section that kernel.ld places last, and,
 * when the build names one, the boot archive (ARCHIVE) in .archive after it. Both lie
 * past __kernel_end: once the root task has its copies, their memory is free again.
 */
    .section .rootimage, "a"
    .balign 4096
    .incbin ROOT_IMAGE

#ifdef ARCHIVE
    .section .archive, "a"
    .balign 4096
    .incbin ARCHIVE
#endif
