// libsodium-backed sealing, signatures, hashing and base64 for the sync module.
#include "kiosk/sync/crypto.h"

#include <sodium.h>

#include <cstdlib>

namespace kiosk::sync {

void crypto_init() {
    static const int rc = sodium_init();  // thread-safe static init; <0 means unusable
    if (rc < 0) std::abort();
}

std::string base64_encode(const void* data, size_t n) {
    crypto_init();
    std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), static_cast<const unsigned char*>(data), n,
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // drop the terminating NUL
    return out;
}

Result<std::vector<unsigned char>> base64_decode(std::string_view text) {
    crypto_init();
    std::vector<unsigned char> out(text.size() / 4 * 3 + 3);
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), " \n\r", &len, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size())
        return make_error(Errc::InvalidInput, "not valid base64");
    out.resize(len);
    return out;
}

std::string sha256_hex(std::string_view data) {
    crypto_init();
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

std::string random_hex(size_t n_bytes) {
    crypto_init();
    std::vector<unsigned char> b(n_bytes);
    randombytes_buf(b.data(), b.size());
    std::string hex(n_bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), b.data(), b.size());
    hex.resize(n_bytes * 2);
    return hex;
}

namespace {
Result<std::vector<unsigned char>> decode_key(std::string_view b64, size_t want, const char* what) {
    auto raw = base64_decode(b64);
    if (!raw || raw->size() != want)
        return make_error(Errc::InvalidInput, std::string(what) + ": expected " + std::to_string(want) + " bytes in base64");
    return raw;
}
}  // namespace

Result<Sealer> Sealer::create(std::string_view public_key_b64) {
    auto raw = TRY(decode_key(public_key_b64, crypto_box_PUBLICKEYBYTES, "seal public key"));
    Sealer s;
    std::copy(raw.begin(), raw.end(), s.m_pk.begin());
    return s;
}

std::string Sealer::seal(std::string_view plaintext) const {
    crypto_init();
    std::vector<unsigned char> box(plaintext.size() + crypto_box_SEALBYTES);
    crypto_box_seal(box.data(), reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), m_pk.data());
    return base64_encode(box.data(), box.size());
}

Result<Secret> unseal(std::string_view sealed_b64, std::string_view public_key_b64, std::string_view secret_key_b64) {
    auto pk = TRY(decode_key(public_key_b64, crypto_box_PUBLICKEYBYTES, "seal public key"));
    auto sk = TRY(decode_key(secret_key_b64, crypto_box_SECRETKEYBYTES, "seal secret key"));
    auto box = TRY(base64_decode(sealed_b64));
    if (box.size() < crypto_box_SEALBYTES) return make_error(Errc::InvalidInput, "sealed box too short");
    WipedString plain(box.size() - crypto_box_SEALBYTES, '\0');
    int rc = crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), box.data(), box.size(), pk.data(), sk.data());
    secure_wipe(sk.data(), sk.size());
    if (rc != 0) return make_error(Errc::Corrupt, "sealed box does not open with this key");
    return Secret(std::string_view(plain.data(), plain.size()));
}

Status verify_signature(std::string_view message, std::string_view signature_b64, std::string_view public_key_b64) {
    auto pk = TRY(decode_key(public_key_b64, crypto_sign_PUBLICKEYBYTES, "content public key"));
    auto sig = base64_decode(signature_b64);
    if (!sig || sig->size() != crypto_sign_BYTES) return make_error(Errc::Corrupt, "signature is not 64 bytes of base64");
    if (crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(), pk.data()) != 0)
        return make_error(Errc::Corrupt, "signature does not match");
    return {};
}

Result<std::string> sign(std::string_view message, std::string_view secret_key_b64) {
    auto sk = TRY(decode_key(secret_key_b64, crypto_sign_SECRETKEYBYTES, "content secret key"));
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(), sk.data());
    secure_wipe(sk.data(), sk.size());
    return base64_encode(sig, sizeof sig);
}

}  // namespace kiosk::sync
