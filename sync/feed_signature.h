// Signed manifests (docs/portal-feed.md, "Signatures and trust"): the Ed25519 signature over the
// exact bytes of manifest.json, in manifest.json.sig beside it, and its check against the keys a
// device trusts (config/feed_keys.h). The manifest names every other file with its SHA-256, so a
// valid signature on it vouches for the whole publish. Implemented with OpenSSL EVP, which this
// header does not expose. Must not include SDL, ImGui, GL or curl.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

inline constexpr const char* kSignatureFormat = "gongkai-feed-sig/1";
inline constexpr const char* kSignatureSuffix = ".sig"; // manifest.json -> manifest.json.sig
inline constexpr std::size_t kMaxSignatureBytes = 4096; // the file is about 200 bytes
inline constexpr std::size_t kEd25519SignatureBytes = 64;

// What manifest.json.sig holds: {"format": "gongkai-feed-sig/1", "algorithm": "ed25519",
// "key_id": "<16 hex digits>", "signature": "<base64 of the 64 signature bytes>"}.
struct ManifestSignature {
    std::string key_id;
    std::string signature; // the 64 raw bytes
};

// The id of a public key: the first 16 hex digits of the SHA-256 of its 32 raw bytes. It only
// says which trusted key to check with; the check itself never relies on it.
std::string feedKeyId(std::string_view raw_public_key);

// The .sig file's text (one JSON object and a newline).
std::string formatSignatureFile(const ManifestSignature& signature);

// nullopt with a one-line error ("is not valid JSON …", "signature is not the base64 of 64 bytes")
// when text is not a signature file.
std::optional<ManifestSignature> parseSignatureFile(std::string_view text, std::string& error);

// True when sig_text is a signature over exactly manifest_bytes by one of public_keys (the text
// form, "ed25519:<base64>"; malformed ones are ignored). Otherwise false with error: which key
// signed when it is not trusted, or that the signature does not match. Errors name no file; the
// caller prefixes "manifest.json.sig: ".
bool verifyManifestSignature(std::string_view manifest_bytes, std::string_view sig_text,
                             const std::vector<std::string>& public_keys, std::string& error);

} // namespace gk
