// Test fixture: SANE's own `test` backend as a real scanner, through a private SANE_CONFIG_DIR.
#pragma once

#include <cstdlib>
#include <string>

#include "run_process.h"

namespace kiosk::copier::test {

/// A SANE configuration folder whose dll.conf lists only `test` (with no devices, for "no
/// scanner"), with a glass of 216 × 300 mm; SANE_CONFIG_DIR points at it for this process
/// and the processes it starts.
class SaneTestDir {
public:
    explicit SaneTestDir(bool with_device = true) : m_dir("kiosk-sane") {
        kiosk::test::write_file(m_dir / "dll.conf", "test\n");
        set_device_present(with_device);
        ::setenv("SANE_CONFIG_DIR", m_dir.path().c_str(), 1);
    }
    /// The device the tests scan with.
    static std::string device() { return "test:1"; }
    /// Rewrites test.conf: device() comes (two test devices) or goes (only test:0). An empty
    /// dll.conf would not do (libsane loads the backend a device name asks for by itself)
    /// and number_of_devices 0 crashes the test backend in sane_open (SANE 1.2.1).
    void set_device_present(bool present) {
        kiosk::test::write_file(m_dir / "test.conf", std::string("number_of_devices ") + (present ? "2" : "1") +
                                                         "\ngeometry_max 300.0\ngeometry_quant 0.1\nbr_x 216.0\nbr_y 297.0\n");
    }
    const std::string& path() const { return m_dir.path(); }

private:
    kiosk::test::TempDir m_dir;
};

}  // namespace kiosk::copier::test
