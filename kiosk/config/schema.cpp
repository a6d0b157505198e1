// The list of every configuration key, its type, default and meaning.
#include "config.h"

namespace kiosk::config {

// Keep in step with config/kiosk.example.toml (tests/config checks that every key is there).
const std::vector<KeySpec>& schema() {
    static const std::vector<KeySpec> keys = {
        // [kiosk]
        {"kiosk.mode", Type::String, "\"production\"", "production (real devices, https platform, no demo keys) or demo (simulators, demo keys and plain http allowed; a DEMO band on every screen)", INT64_MIN, INT64_MAX, {"production", "demo"}},
        {"kiosk.id", Type::String, "\"kiosk-demo-01\"", "This kiosk's id on the platform"},
        {"kiosk.location", Type::String, "\"1F 24小时自助区\"", "Where the kiosk stands, sent with calls for staff"},
        {"kiosk.language", Type::String, "\"zh-CN\"", "Language a new session starts in", INT64_MIN, INT64_MAX, {"zh-CN", "en"}},
        // [display]
        {"display.orientation", Type::String, "\"portrait\"", "portrait (1080x1920) or landscape (1920x1080)", INT64_MIN, INT64_MAX, {"portrait", "landscape"}},
        {"display.fullscreen", Type::Bool, "true", "Fullscreen window (false: a window for development)"},
        {"display.pixels_per_cm", Type::Double, "40.0", "Screen density, for the 1.5 cm minimum touch target (21.5\" 1080p: about 40)"},
        {"display.large_text", Type::Bool, "false", "Start every session in large-text mode"},
        {"display.renderer", Type::String, "\"software\"", "software (fast enough for this UI, 40 MB less than loading GL) or accelerated (GPU)", INT64_MIN, INT64_MAX, {"software", "accelerated"}},
        {"display.scale", Type::Double, "1.0", "Window size factor for development on a small monitor"},
        // [session]
        {"session.idle_timeout_s", Type::Int, "60", "Seconds without a touch before the 'are you still there' countdown", 5, 3600},
        {"session.countdown_s", Type::Int, "10", "Seconds the countdown runs before the session is wiped", 3, 120},
        {"session.attract_after_s", Type::Int, "300", "Seconds of idle on the home screen before the attract screen", 10, 86400},
        // [paths]
        {"paths.state_dir", Type::String, "\"/var/lib/kiosk\"", "Where databases, content and print records live (overridden by --state-dir or KIOSK_STATE_DIR)"},
        {"paths.assets_dir", Type::String, "\"\"", "Assets folder (empty: the one next to the program, or the source tree's)"},
        {"paths.screenshots_dir", Type::String, "\"screenshots\"", "Where headless runs write screenshots (relative: inside the state directory)"},
        // [log]
        {"log.level", Type::String, "\"info\"", "debug, info, warn, error or off", INT64_MIN, INT64_MAX, {"debug", "info", "warn", "error", "off"}},
        // [printer]
        {"printer.driver", Type::String, "\"cups\"", "cups, sim (PDFs into a folder; demo mode only) or none", INT64_MIN, INT64_MAX, {"sim", "cups", "none"}},
        {"printer.uri", Type::String, "\"\"", "CUPS queue name or IPP URI (ipp://host:port/ipp/print)"},
        {"printer.sim_dir", Type::String, "\"sim-printer\"", "Folder the simulated printer writes PDFs to (relative: inside the state directory)"},
        {"printer.job_timeout_s", Type::Int, "120", "A job not finished after this long is reported as stalled", 10, 3600},
        {"printer.poll_interval_ms", Type::Int, "1000", "How often the printer's status is asked (a change must show within 2 s)", 100, 10000},
        // [idcard]
        {"idcard.driver", Type::String, "\"serial\"", "serial (a SAM reader), sim (keys and scripts; demo mode only) or none", INT64_MIN, INT64_MAX, {"sim", "serial", "none"}},
        {"idcard.port", Type::String, "\"/dev/idcard\"", "Serial device of the reader (see config/99-kiosk-devices.rules)"},
        {"idcard.sim_control", Type::String, "\"\"", "Control socket of an idcard-sim on the port (demo and tests: script steps `card NAME` place cards through it)"},
        {"idcard.baud", Type::Int, "0", "Baud rate; 0 probes 115200, 57600, 38400, 19200, 9600", 0, 921600},
        {"idcard.sim_cards", Type::String, "\"\"", "cards.json of the simulated reader (empty: assets/demo/cards.json)"},
        // [scanner]
        {"scanner.driver", Type::String, "\"serial\"", "serial, hid, window (wedge typing into the kiosk window), camera, sim (demo mode only) or none", INT64_MIN, INT64_MAX, {"sim", "serial", "hid", "window", "camera", "none"}},
        {"scanner.port", Type::String, "\"/dev/qrscanner\"", "Serial device of a serial scanner"},
        {"scanner.baud", Type::Int, "9600", "Baud rate of a serial scanner", 1200, 921600},
        {"scanner.charset", Type::String, "\"UTF-8\"", "Charset a serial scanner sends", INT64_MIN, INT64_MAX, {"UTF-8", "GB18030"}},
        {"scanner.terminator", Type::String, "\"CR\"", "What ends a code: CR, LF, CRLF or TAB", INT64_MIN, INT64_MAX, {"CR", "LF", "CRLF", "TAB"}},
        {"scanner.hid_device", Type::String, "\"\"", "HID wedge scanner as vendor:product (hex, e.g. \"0c2e:0b61\") or a /dev/input path"},
        {"scanner.camera_enabled", Type::Bool, "false", "Decode QR codes from a camera"},
        {"scanner.camera_device", Type::String, "\"/dev/video0\"", "V4L2 camera device"},
        {"scanner.allowed_hosts", Type::StringList, "[\"127.0.0.1\", \"localhost\"]", "Hosts a scanned URL may point to (https; http only for 127.0.0.1 and localhost)"},
        {"scanner.wedge_max_gap_ms", Type::Int, "50", "Window wedge: keys closer than this are a scanner, slower ones a person typing", 10, 500},
        // [copier]
        {"copier.driver", Type::String, "\"sane\"", "Scanner for copying: sane (a SANE flatbed or document camera), sim or none", INT64_MIN, INT64_MAX, {"sane", "sim", "none"}},
        {"copier.device", Type::String, "\"\"", "SANE device name (scanimage -L), empty: the first one found"},
        {"copier.sane_options", Type::StringList, "[]", "Backend options set before every scan, as \"name=value\" (e.g. \"source=Flatbed\")"},
        {"copier.idcard_dpi", Type::Int, "300", "Resolution of ID-card scans", 100, 600},
        {"copier.page_dpi", Type::Int, "200", "Resolution of document pages", 100, 600},
        {"copier.sim_marker", Type::String, "\"\"", "Simulator only: seed of 64 marker bytes written into every scan (memory tests)"},
        // [platform]
        {"platform.url", Type::String, "\"https://platform.example.invalid\"", "Base URL of the central government-service platform (https; the default is a placeholder the production check refuses)"},
        {"platform.token", Type::String, "\"\"", "This kiosk's bearer token (or use a client certificate)"},
        {"platform.ca_bundle", Type::String, "\"\"", "CA bundle for the platform's TLS certificate (empty: system CAs)"},
        {"platform.pinned_pubkey", Type::String, "\"\"", "Optional public-key pin (sha256//BASE64) of the platform's certificate"},
        {"platform.client_cert", Type::String, "\"\"", "Client certificate (PEM) for mutual TLS"},
        {"platform.client_key", Type::String, "\"\"", "Client certificate key (PEM)"},
        {"platform.seal_public_key", Type::String, "\"\"", "Platform's X25519 public key (base64) that personal-data payloads are sealed to"},
        {"platform.content_public_key", Type::String, "\"\"", "Ed25519 public key (base64) that content manifests must be signed with"},
        {"platform.timeout_ms", Type::Int, "10000", "Per-request timeout", 100, 600000},
        {"platform.heartbeat_interval_s", Type::Int, "300", "Seconds between health reports", 10, 86400},
        // [outbox]
        {"outbox.max_records", Type::Int, "200000", "Cap on queued records; usage statistics are evicted first", 100, 100000000},
        {"outbox.max_age_days", Type::Int, "60", "Evictable records older than this are dropped", 1, 3650},
        {"outbox.batch_size", Type::Int, "200", "Records per upload request", 1, 5000},
        {"outbox.backoff_max_s", Type::Int, "900", "Cap of the exponential back-off between failed uploads", 1, 86400},
        // [content]
        {"content.signing_keys", Type::StringList, "[]", "Ed25519 public keys (base64) of the publishers whose signed content bundles this kiosk installs (kioskctl content keygen)"},
        {"content.seed_bundle", Type::String, "\"\"", "Signed bundle folder installed at start when no content is installed yet (first boot)"},
        // [wayfinding]
        {"wayfinding.kiosk_node", Type::String, "\"\"", "Map node where this kiosk stands (empty: the map's default kiosk node)"},
        {"wayfinding.facing_deg", Type::Double, "0.0", "Direction the citizen faces when looking at the screen, degrees clockwise from map north"},
    };
    return keys;
}

const KeySpec* find_key(std::string_view key) {
    for (const auto& k : schema())
        if (key == k.key) return &k;
    return nullptr;
}

}  // namespace kiosk::config
