/* LD_PRELOAD shim for bench_ui: ignores mallopt(M_PERTURB, ...) so a run shows what that setting costs. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <malloc.h>

int mallopt(int param, int value) {
    static int (*real)(int, int);
    if (param == M_PERTURB) return 1; /* report success, change nothing */
    if (!real) real = (int (*)(int, int))dlsym(RTLD_NEXT, "mallopt");
    return real ? real(param, value) : 0;
}
