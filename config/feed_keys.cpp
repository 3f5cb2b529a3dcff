// The feed's public keys in the device config (see feed_keys.h). Standard library only.
#include "config/feed_keys.h"

#include "config/i18n.h"

#include <algorithm>
#include <array>

namespace gk {
namespace {

// The value of a base64 character, or -1.
int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

} // namespace

std::string encodeBase64(std::string_view bytes) {
    static constexpr std::string_view kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        unsigned bits = 0;
        for (std::size_t j = 0; j < 3; ++j)
            bits = (bits << 8) | (j < n ? static_cast<unsigned char>(bytes[i + j]) : 0u);
        for (std::size_t j = 0; j < 4; ++j) out += j <= n ? kDigits[(bits >> (18 - 6 * j)) & 0x3F] : '=';
    }
    return out;
}

std::optional<std::string> decodeBase64(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const std::string_view group = text.substr(i, 4);
        // '=' only ends the last group ("xx==" or "xxx="); anywhere else it is not a base64 digit.
        std::size_t padding = 0;
        if (i + 4 == text.size() && group[3] == '=') padding = group[2] == '=' ? 2 : 1;
        std::array<int, 4> v{};
        for (std::size_t j = 0; j + padding < 4; ++j)
            if ((v[j] = base64Value(group[j])) < 0) return std::nullopt;
        const unsigned bits = (static_cast<unsigned>(v[0]) << 18) | (static_cast<unsigned>(v[1]) << 12) |
                              (static_cast<unsigned>(v[2]) << 6) | static_cast<unsigned>(v[3]);
        out += static_cast<char>((bits >> 16) & 0xFF);
        if (padding < 2) out += static_cast<char>((bits >> 8) & 0xFF);
        if (padding < 1) out += static_cast<char>(bits & 0xFF);
        // The bits a padded group does not use must be zero, so that each key has one spelling.
        if ((padding == 1 && (bits & 0xFF) != 0) || (padding == 2 && (bits & 0xFFFF) != 0)) return std::nullopt;
    }
    return out;
}

std::optional<std::string> parseFeedPublicKey(std::string_view text, std::string& error) {
    if (text.substr(0, kFeedKeyPrefix.size()) != kFeedKeyPrefix) {
        error = tr("it does not start with \"ed25519:\"");
        return std::nullopt;
    }
    const std::optional<std::string> raw = decodeBase64(text.substr(kFeedKeyPrefix.size()));
    if (!raw || raw->size() != kEd25519KeyBytes) {
        error = tr("after \"ed25519:\" comes not the 44-character base64 of a 32-byte key");
        return std::nullopt;
    }
    return raw;
}

} // namespace gk
