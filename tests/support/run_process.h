// Test helper: run a program, capture its output and exit code; temporary directories.
#pragma once

#include <string>
#include <vector>

namespace kiosk::test {

struct ProcessResult {
    int exit_code = -1;
    std::string output;  ///< stdout and stderr together
};

/// Runs argv[0] with arguments (no shell), waits at most `timeout_s` seconds.
ProcessResult run_process(const std::vector<std::string>& argv, int timeout_s = 120);

/// A fresh directory under /tmp, removed when the object goes away.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "kiosk-test");
    ~TempDir();
    const std::string& path() const { return m_path; }
    std::string operator/(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

/// Writes `text` to `path`.
void write_file(const std::string& path, const std::string& text);
std::string read_file(const std::string& path);

}  // namespace kiosk::test
