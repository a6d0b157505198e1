// Ed25519 bundle signatures (libsodium), version order and the import gate.
#include "kiosk/content/signing.h"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/log.h"
#include "kiosk/content/bundle.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace kiosk::content {

namespace {

void init_sodium() {
    static const int ok = sodium_init();
    (void)ok;
}

std::string b64(const unsigned char* p, size_t n) {
    std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), p, n, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

/// Decodes base64 that must hold exactly `want` bytes.
bool unb64(const std::string& text, std::vector<unsigned char>& out, size_t want) {
    out.assign(text.size(), 0);
    size_t n = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), " \n\r\t", &n, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    out.resize(n);
    return n == want;
}

std::string trim(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(i);
}

bool read_all(const fs::path& p, std::string& out) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return false;
    std::stringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

Error refused(const std::string& file, const std::string& why) { return make_error(Errc::Rejected, file + ": " + why); }

}  // namespace

SigningKeyPair generate_signing_key() {
    init_sodium();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    SigningKeyPair kp{b64(pk, sizeof pk), b64(sk, sizeof sk)};
    sodium_memzero(sk, sizeof sk);
    return kp;
}

Result<std::string> read_secret_key_file(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return make_error(Errc::NotFound, path + ": no such key file");
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%03o", unsigned(st.st_mode & 0777));
        return make_error(Errc::InvalidInput, path + ": readable by others (mode " + mode + "); chmod 600 it");
    }
    std::string text;
    if (!read_all(path, text)) return make_error(Errc::Io, path + ": cannot read");
    text = trim(text);
    std::vector<unsigned char> raw;
    bool ok = unb64(text, raw, crypto_sign_SECRETKEYBYTES);
    sodium_memzero(raw.data(), raw.size());
    if (!ok) return make_error(Errc::InvalidInput, path + ": not an Ed25519 secret key (64 bytes of base64)");
    return text;
}

Result<std::string> public_key_of(const std::string& secret_key_b64) {
    init_sodium();
    std::vector<unsigned char> sk;
    if (!unb64(secret_key_b64, sk, crypto_sign_SECRETKEYBYTES))
        return make_error(Errc::InvalidInput, "not an Ed25519 secret key (64 bytes of base64)");
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_ed25519_sk_to_pk(pk, sk.data());
    sodium_memzero(sk.data(), sk.size());
    return b64(pk, sizeof pk);
}

Status sign_bundle(const std::string& dir, const std::string& secret_key_b64) {
    init_sodium();
    std::string manifest;
    if (!read_all(fs::path(dir) / "manifest.json", manifest)) return make_error(Errc::NotFound, "manifest.json: missing in " + dir);
    std::vector<unsigned char> sk;
    if (!unb64(secret_key_b64, sk, crypto_sign_SECRETKEYBYTES))
        return make_error(Errc::InvalidInput, "not an Ed25519 secret key (64 bytes of base64)");
    unsigned char sig[crypto_sign_BYTES], pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(manifest.data()), manifest.size(), sk.data());
    crypto_sign_ed25519_sk_to_pk(pk, sk.data());
    sodium_memzero(sk.data(), sk.size());
    json j = {{"format", 1}, {"algorithm", "ed25519"}, {"key", b64(pk, sizeof pk)}, {"signature", b64(sig, sizeof sig)}};
    std::ofstream o(fs::path(dir) / kSignatureFile, std::ios::binary | std::ios::trunc);
    o << j.dump(1) << "\n";
    if (!o) return make_error(Errc::Io, std::string(kSignatureFile) + ": cannot write in " + dir);
    return {};
}

Result<Signer> check_signature(const std::string& dir, const std::vector<std::string>& trusted_keys) {
    init_sodium();
    const std::string sig_file = kSignatureFile;
    std::string sig_text, manifest;
    if (!read_all(fs::path(dir) / sig_file, sig_text))
        return refused(sig_file, "missing: the bundle is not signed (sign it with kioskctl content pack)");
    if (!read_all(fs::path(dir) / "manifest.json", manifest)) return refused("manifest.json", "missing");
    json j = json::parse(sig_text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("key") || !j["key"].is_string() || !j.contains("signature") ||
        !j["signature"].is_string() || j.value("algorithm", "") != "ed25519")
        return refused(sig_file, "malformed (expected {\"algorithm\":\"ed25519\", \"key\", \"signature\"})");
    Signer signer{j["key"].get<std::string>()};
    if (trusted_keys.empty()) return refused(sig_file, "no content signing key is configured (content.signing_keys)");
    if (std::find(trusted_keys.begin(), trusted_keys.end(), signer.key) == trusted_keys.end())
        return refused(sig_file, "signed with key " + signer.key_id() + "…, which is not in content.signing_keys");
    std::vector<unsigned char> pk, sig;
    if (!unb64(signer.key, pk, crypto_sign_PUBLICKEYBYTES)) return refused(sig_file, "key is not an Ed25519 public key");
    if (!unb64(j["signature"].get<std::string>(), sig, crypto_sign_BYTES)) return refused(sig_file, "signature is not 64 bytes of base64");
    if (crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(manifest.data()), manifest.size(), pk.data()) != 0)
        return refused("manifest.json", "does not match its signature (edited after signing, or signed by another key)");
    return signer;
}

int compare_versions(const std::string& a, const std::string& b) {
    size_t i = 0, j = 0;
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    while (i < a.size() && j < b.size()) {
        if (digit(a[i]) && digit(b[j])) {
            size_t i2 = i, j2 = j;
            while (i2 < a.size() && digit(a[i2])) ++i2;
            while (j2 < b.size() && digit(b[j2])) ++j2;
            // Compare digit runs as numbers without overflow: strip leading zeros, then length, then text.
            std::string x = a.substr(i, i2 - i), y = b.substr(j, j2 - j);
            x.erase(0, std::min(x.find_first_not_of('0'), x.size()));
            y.erase(0, std::min(y.find_first_not_of('0'), y.size()));
            if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
            if (x != y) return x < y ? -1 : 1;
            i = i2;
            j = j2;
        } else {
            if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
            ++i;
            ++j;
        }
    }
    if (i < a.size()) return 1;
    if (j < b.size()) return -1;
    return 0;
}

Result<Signer> check_import_allowed(const std::string& dir, const std::string& content_root, const ImportPolicy& policy) {
    auto signer = TRY(check_signature(dir, policy.trusted_keys));
    std::string manifest;
    read_all(fs::path(dir) / "manifest.json", manifest);
    json m = json::parse(manifest, nullptr, false);
    std::string version = m.is_object() && m.contains("version") && m["version"].is_string() ? m["version"].get<std::string>() : "";
    auto status = content_status(content_root);
    std::string live = status ? status->current_version : std::string();
    if (!live.empty() && !version.empty() && compare_versions(version, live) < 0) {
        if (!policy.allow_downgrade)
            return make_error(Errc::Rejected, "manifest.json: version " + version + " is older than the installed " + live +
                                                  " (use --allow-downgrade to install it anyway)");
        LOG_WARN("content") << "downgrade from content version " << live << " to " << version << " allowed by "
                            << (policy.actor.empty() ? std::string("(unknown)") : policy.actor);
    }
    LOG_INFO("content") << "bundle " << version << " signed by key " << signer.key_id() << "… accepted for "
                        << (policy.actor.empty() ? std::string("(unknown)") : policy.actor);
    return signer;
}

}  // namespace kiosk::content
