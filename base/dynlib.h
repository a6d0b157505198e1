// Libraries and program modules opened at run time (dlopen) for work the first frame does not need.
#pragma once

#include <string>

#include "base/result.h"

namespace kiosk::dynlib {

/// Where the program's own modules live: $KIOSK_MODULE_DIR when set, otherwise `lib/kiosk`
/// beside the folder of the running program (build/bin/kiosk and build/tests/* find
/// build/lib/kiosk; /usr/bin/kiosk finds /usr/lib/kiosk, which the package installs).
std::string module_dir();

/// Opens a system library by its soname (e.g. "libcurl.so.4") once per process; later calls
/// return the same handle. Errors: Unavailable, naming the library and what dlopen said
/// (the package that provides it is missing or broken).
Result<void*> open_library(const std::string& soname);

/// Opens the program module `name` (module_dir()/name.so) once per process and returns the
/// address of its entry symbol `entry`. Errors: Unavailable, naming the file and the folder
/// searched, when the module is missing, cannot be loaded or lacks the entry.
Result<void*> open_module(const std::string& name, const char* entry);

/// The address of `symbol` in a handle from open_library(). Errors: Unavailable.
Result<void*> symbol(void* handle, const char* symbol, const std::string& library);

}  // namespace kiosk::dynlib
