// SHA-256 via OpenSSL 3 EVP (sync/sha256.h). Owns hashing only; must not include SDL, ImGui, GL
// or curl.
#include "sync/sha256.h"

#include <openssl/evp.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace gk {

struct Sha256::Impl {
    EVP_MD_CTX* ctx = nullptr;
    bool failed = false;

    void start() { failed = ctx == nullptr || EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1; }
};

Sha256::Sha256() : m_impl(std::make_unique<Impl>()) {
    m_impl->ctx = EVP_MD_CTX_new();
    m_impl->start();
}

Sha256::~Sha256() {
    EVP_MD_CTX_free(m_impl->ctx);
}

void Sha256::update(const void* data, std::size_t size) {
    if (!m_impl->failed && size > 0 && EVP_DigestUpdate(m_impl->ctx, data, size) != 1) {
        m_impl->failed = true;
    }
}

std::string Sha256::finishHex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const bool ok = !m_impl->failed && EVP_DigestFinal_ex(m_impl->ctx, digest, &length) == 1;
    m_impl->start();
    if (!ok) {
        return {};
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        hex.push_back(kHex[digest[i] >> 4]);
        hex.push_back(kHex[digest[i] & 0x0f]);
    }
    return hex;
}

std::string sha256Hex(std::string_view data) {
    Sha256 hasher;
    hasher.update(data);
    return hasher.finishHex();
}

FileHash sha256File(const std::filesystem::path& path) {
    FileHash result;
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        result.error = "cannot open " + path.string() + ": " + std::strerror(errno);
        return result;
    }
    Sha256 hasher;
    std::vector<char> buffer(1 << 16);
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) {
        hasher.update(buffer.data(), got);
        result.bytes += got;
    }
    const bool read_error = std::ferror(file) != 0;
    std::fclose(file);
    if (read_error) {
        result.error = "cannot read " + path.string();
        return result;
    }
    result.hex = hasher.finishHex();
    result.ok = !result.hex.empty();
    if (!result.ok) {
        result.error = "SHA-256 failed for " + path.string();
    }
    return result;
}

bool isSha256Hex(std::string_view s) {
    if (s.size() != 64) {
        return false;
    }
    for (char c : s) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex) {
            return false;
        }
    }
    return true;
}

std::string shortHash(std::string_view hex) {
    if (hex.size() <= 12) {
        return std::string(hex);
    }
    return std::string(hex.substr(0, 12)) + "\xE2\x80\xA6"; // U+2026 …
}

} // namespace gk
