// The feed's public keys as a device config names them ("feed_public_keys"): the text form
// "ed25519:<base64 of the 32 raw key bytes>" that `gongkai-kiosk feed keygen` prints, and the strict
// base64 it is written in. Owned by config/ so that `config check` validates a key without OpenSSL;
// the signature itself is checked in sync/feed_signature.h. Standard library only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

inline constexpr std::string_view kFeedKeyPrefix = "ed25519:";
inline constexpr std::size_t kEd25519KeyBytes = 32;

// Which manifests a device accepts. required is true whenever the config lists feed_public_keys at
// all (even when every listed key is malformed): a typo in a key must never turn signature checks
// off, so such a device then accepts no new publish until the key is fixed.
struct FeedTrust {
    bool required = false;
    std::vector<std::string> public_keys; // the well-formed keys, in the text form, in config order
};

// RFC 4648 base64 with padding, nothing else (no whitespace, no URL alphabet); nullopt when text
// is not exactly that.
std::optional<std::string> decodeBase64(std::string_view text);
// The same base64 of bytes (keys, signatures).
std::string encodeBase64(std::string_view bytes);

// The 32 raw key bytes of "ed25519:<44 base64 characters>"; nullopt with error (one phrase, in the
// staff's language) otherwise.
std::optional<std::string> parseFeedPublicKey(std::string_view text, std::string& error);

} // namespace gk
