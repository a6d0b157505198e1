// Technician PIN hashing (Argon2id through libsodium) and the in-place TOML edit kioskctl admin set-pin uses.
#include "technician_pin.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace kiosk::config {

namespace {

std::string trim(std::string_view s) {
    size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string_view::npos) return {};
    size_t b = s.find_last_not_of(" \t\r");
    return std::string(s.substr(a, b - a + 1));
}

// "[section]" (with optional spaces and a trailing comment) → "section"; else "".
std::string section_of(const std::string& line) {
    std::string t = trim(line);
    if (t.size() < 3 || t[0] != '[' || t[1] == '[') return {};
    size_t close = t.find(']');
    if (close == std::string::npos) return {};
    return trim(std::string_view(t).substr(1, close - 1));
}

// True when the line assigns `key` (bare key, then '=').
bool assigns(const std::string& line, std::string_view key) {
    std::string t = trim(line);
    if (t.compare(0, key.size(), key) != 0) return false;
    std::string rest = trim(std::string_view(t).substr(key.size()));
    return !rest.empty() && rest[0] == '=';
}

}  // namespace

Status check_pin_rules(std::string_view pin) {
    if (pin.size() < kMinPinDigits || pin.size() > kMaxPinDigits)
        return make_error(Errc::InvalidInput, "the PIN must have " + std::to_string(kMinPinDigits) + " to " +
                                                  std::to_string(kMaxPinDigits) + " digits");
    for (char c : pin)
        if (c < '0' || c > '9') return make_error(Errc::InvalidInput, "the PIN may contain digits only (the PIN pad has no letters)");
    return {};
}

Result<std::string> hash_pin(std::string_view pin) {
    TRY(check_pin_rules(pin));
    if (sodium_init() < 0) return make_error(Errc::Internal, "libsodium could not be initialised");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return make_error(Errc::Internal, "Argon2id hashing failed (out of memory?)");
    return std::string(out);
}

bool is_pin_hash(std::string_view hash) {
    return hash.rfind("$argon2id$", 0) == 0 && hash.size() < crypto_pwhash_STRBYTES &&
           hash.find_first_of("\"\\\n") == std::string_view::npos;
}

bool pin_matches(const std::string& hash, std::string_view pin) {
    if (!is_pin_hash(hash) || pin.empty()) return false;
    if (sodium_init() < 0) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

Status set_string_in_file(const std::string& path, std::string_view section, std::string_view key, std::string_view value) {
    if (value.find_first_of("\"\\\n\r") != std::string_view::npos)
        return make_error(Errc::InvalidInput, "value for " + std::string(section) + "." + std::string(key) + " has quotes or line breaks");
    std::ifstream in(path);
    if (!in) return make_error(Errc::Io, path + ": cannot read (" + std::strerror(errno) + ")");
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    in.close();
    std::string assignment = std::string(key) + " = \"" + std::string(value) + "\"";
    std::string current;
    int section_line = -1;
    bool done = false;
    for (size_t i = 0; i < lines.size() && !done; ++i) {
        std::string s = section_of(lines[i]);
        if (!s.empty()) {
            current = s;
            if (s == section) section_line = int(i);
            continue;
        }
        if (current == section && assigns(lines[i], key)) {
            lines[i] = assignment;
            done = true;
        }
    }
    if (!done && section_line >= 0) {
        lines.insert(lines.begin() + section_line + 1, assignment);
    } else if (!done) {
        if (!lines.empty() && !trim(lines.back()).empty()) lines.push_back("");
        lines.push_back("[" + std::string(section) + "]");
        lines.push_back(assignment);
    }
    std::string text;
    for (const auto& l : lines) text += l + "\n";

    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return make_error(Errc::Io, path + ": " + std::strerror(errno));
    std::string tmp = path + ".tmp-XXXXXX";
    std::vector<char> name(tmp.begin(), tmp.end());
    name.push_back('\0');
    int fd = ::mkstemp(name.data());
    if (fd < 0) return make_error(Errc::Io, path + ": cannot create a temporary file beside it (" + std::strerror(errno) + ")");
    auto fail = [&](const std::string& what) {
        int err = errno;
        ::close(fd);
        ::unlink(name.data());
        return make_error(Errc::Io, path + ": " + what + " (" + std::strerror(err) + ")");
    };
    // The file holds secrets' hashes and tokens: keep its mode and owner (root:kiosk 0640).
    if (::fchmod(fd, st.st_mode & 07777) != 0) return fail("chmod");
    if (::geteuid() == 0 && ::fchown(fd, st.st_uid, st.st_gid) != 0) return fail("chown");
    for (size_t off = 0; off < text.size();) {
        ssize_t n = ::write(fd, text.data() + off, text.size() - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail("write");
        off += size_t(n);
    }
    if (::fsync(fd) != 0) return fail("fsync");
    ::close(fd);
    if (::rename(name.data(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(name.data());
        return make_error(Errc::Io, path + ": rename (" + std::strerror(err) + ")");
    }
    return {};
}

}  // namespace kiosk::config
