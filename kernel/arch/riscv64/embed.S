/*
 * embed.S: puts one root-task ELF (ROOT_IMAGE, a path given by the build) into the
 * kernel image, in the page-aligned .rootimage section that kernel.ld places last.
 */
    .section .rootimage, "a"
    .balign 4096
    .incbin ROOT_IMAGE
