/*
 * check_images.c: each component's image, NAME.elf in the image directory, exists, is an
 * RV64 executable that lib/elf accepts (the same parser the root server will use), and
 * lies between BOOTPLAN_IMAGE_BASE and BOOTPLAN_WINDOW_BASE, below the regions the
 * analyser places.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootplan.h"
#include "check.h"
#include "elf.h"

#define IMAGE_MAX_BYTES (64u << 20)

struct image_file {
    unsigned char *data;
    size_t size;
    int error;                     /* errno from opening or reading, 0 when read */
    bool too_big;
};

/* The file's size from its end, and whether it is over the limit. */
static bool image_size(FILE *stream, struct image_file *f)
{
    long size = -1;
    if (fseek(stream, 0, SEEK_END) == 0) {
        size = ftell(stream);
    }
    if (size < 0 || fseek(stream, 0, SEEK_SET) != 0) {
        f->error = errno != 0 ? errno : EIO;
        return false;
    }
    f->size = (size_t)size;
    f->too_big = f->size > IMAGE_MAX_BYTES;
    return !f->too_big;
}

static struct image_file read_image(const char *path)
{
    struct image_file f = {NULL, 0, 0, false};
    errno = 0;
    FILE *stream = fopen(path, "rb");
    if (stream == NULL) {
        f.error = errno;
        return f;
    }
    if (image_size(stream, &f)) {
        f.data = malloc(f.size > 0 ? f.size : 1);
        if (f.data == NULL) {
            f.error = ENOMEM;
        } else if (fread(f.data, 1, f.size, stream) != f.size) {
            f.error = errno != 0 ? errno : EIO;
        }
    }
    fclose(stream);
    return f;
}

/* The image's rules, once it is read. */
static void check_image_bytes(const struct sd_name *image, const struct image_file *f,
                              struct diag *diag)
{
    struct elf_image elf;
    int err = elf_parse(f->data, f->size, BOOTPLAN_WINDOW_BASE, &elf);
    bool too_low = err == ELF_OK && elf.segments[0].vaddr < BOOTPLAN_IMAGE_BASE;
    if (err == ELF_E_ADDRESS || too_low) {
        diag_error(diag, image->pos, "image '%s' does not fit between 0x%lx and 0x%lx",
                   image->text, BOOTPLAN_IMAGE_BASE, BOOTPLAN_WINDOW_BASE);
    } else if (err != ELF_OK) {
        diag_error(diag, image->pos, "image '%s' is not a loadable RV64 executable: %s", image->text,
                   elf_strerror(err));
    }
}

static void check_image(const struct sd_name *image, const char *dir, struct diag *diag)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof(path), "%s/%s.elf", dir, image->text) >= sizeof(path)) {
        diag_error(diag, image->pos, "image '%s': the image directory's name is too long",
                   image->text);
        return;
    }
    struct image_file f = read_image(path);
    if (f.error == ENOENT) {
        diag_error(diag, image->pos, "image '%s' not found (no %s.elf in the image directory)",
                   image->text, image->text);
    } else if (f.error != 0) {
        diag_error(diag, image->pos, "image '%s' cannot be read: %s", image->text,
                   strerror(f.error));
    } else if (f.too_big) {
        diag_error(diag, image->pos, "image '%s' is larger than %u MiB", image->text,
                   IMAGE_MAX_BYTES >> 20);
    } else {
        check_image_bytes(image, &f, diag);
    }
    free(f.data);
}

void check_images(const struct sd_system *sys, const char *image_dir, struct diag *diag)
{
    for (unsigned i = 0; i < sys->component_count; i++) {
        const struct sd_component *c = &sys->components[i];
        if (sd_given(c->image.pos)) {
            check_image(&c->image, image_dir, diag);
        }
    }
}
