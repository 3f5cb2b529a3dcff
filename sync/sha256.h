// SHA-256 as lowercase hex: of a buffer, incrementally, and of a file (streamed, never loaded
// whole). Owns hashing only; implemented with OpenSSL EVP, which this header does not expose.
// Must not include SDL, ImGui, GL or curl.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace gk {

// Incremental hasher. After finishHex() the object is reset and may be reused.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, std::size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }
    std::string finishHex(); // empty only if OpenSSL itself failed

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

std::string sha256Hex(std::string_view data);

struct FileHash {
    bool ok = false;
    std::string hex;         // lowercase, 64 characters when ok
    std::uint64_t bytes = 0; // bytes hashed
    std::string error;       // "cannot open /x: No such file or directory" when !ok
};

FileHash sha256File(const std::filesystem::path& path);

// True for exactly 64 characters of [0-9a-fA-F].
bool isSha256Hex(std::string_view s);

// "3fa2c41b09de…" : the first 12 hex digits for one-line error messages.
std::string shortHash(std::string_view hex);

} // namespace gk
