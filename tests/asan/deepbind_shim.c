/*
 * deepbind_shim.c - LD_PRELOAD shim that lets Debian's php load an
 * extension built with -fsanitize=address.
 *
 * PHP opens extensions with dlopen(..., RTLD_DEEPBIND) when the platform
 * has it; AddressSanitizer refuses DEEPBIND ("You are trying to dlopen a
 * ... library with RTLD_DEEPBIND flag which is incompatible with
 * sanitizer runtime") because the library would bind to libc's malloc
 * instead of the interceptors.  This dlopen() clears the flag and calls
 * the next dlopen in the lookup order.  Preload order: this shim, then
 * libasan, then libubsan (see scripts/asan-phpt.sh).
 *
 *   cc -shared -fPIC -O2 -o deepbind_shim.so deepbind_shim.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

typedef void *(*seg_dlopen_fn)(const char *, int);

void *dlopen(const char *file, int mode)
{
	static seg_dlopen_fn real_dlopen;
	if (!real_dlopen) {
		real_dlopen = (seg_dlopen_fn)dlsym(RTLD_NEXT, "dlopen");
		if (!real_dlopen) return NULL;
	}
	return real_dlopen(file, mode & ~RTLD_DEEPBIND);
}
