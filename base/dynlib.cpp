// Run-time loading: dlopen with RTLD_NOW (a missing symbol fails at open, not mid-print), one
// handle per library for the life of the process (never dlclose'd: code may still run in it).
#include "base/dynlib.h"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <map>
#include <mutex>

namespace kiosk::dynlib {

namespace {

std::mutex g_mutex;
std::map<std::string, void*> g_open;  // path or soname → handle

std::string program_dir() {
    char buf[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return ".";
    std::string p(buf, size_t(n));
    auto slash = p.rfind('/');
    return slash == std::string::npos ? "." : p.substr(0, slash);
}

Result<void*> open_locked(const std::string& what) {
    if (auto it = g_open.find(what); it != g_open.end()) return it->second;
    void* h = ::dlopen(what.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char* e = ::dlerror();
        return make_error(Errc::Unavailable, "cannot load " + what + ": " + (e ? e : "unknown dlopen error"));
    }
    g_open.emplace(what, h);
    return h;
}

}  // namespace

std::string module_dir() {
    if (const char* env = std::getenv("KIOSK_MODULE_DIR"); env && *env) return env;
    return program_dir() + "/../lib/kiosk";
}

Result<void*> open_library(const std::string& soname) {
    std::lock_guard lock(g_mutex);
    return open_locked(soname);
}

Result<void*> open_module(const std::string& name, const char* entry) {
    std::string dir = module_dir();
    std::string path = dir + "/" + name + ".so";
    std::lock_guard lock(g_mutex);
    if (::access(path.c_str(), R_OK) != 0)
        return make_error(Errc::Unavailable, "program module " + name + ".so is missing from " + dir +
                                                 " (a broken installation: reinstall the kiosk package)");
    auto h = open_locked(path);
    if (!h) return h.error();
    ::dlerror();
    void* p = ::dlsym(*h, entry);
    if (!p) return make_error(Errc::Unavailable, "program module " + path + " has no entry " + entry + " (wrong version?)");
    return p;
}

Result<void*> symbol(void* handle, const char* name, const std::string& library) {
    ::dlerror();
    void* p = ::dlsym(handle, name);
    if (!p) return make_error(Errc::Unavailable, library + " has no symbol " + name + " (an unexpected version)");
    return p;
}

}  // namespace kiosk::dynlib
