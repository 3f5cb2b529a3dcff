// The publisher's side of signed manifests (docs/portal-feed.md, "Signatures and trust"): making
// an Ed25519 key pair (`gongkai-kiosk feed keygen`) and signing a built feed's manifest.json
// (`feed build --sign`). The device's side, the check, is sync/feed_signature.h. OpenSSL EVP
// behind these functions; no SDL, ImGui, GL or curl.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace gk {

// A new Ed25519 private key written to key_file as PEM (PKCS #8), mode 0600; an existing file is
// never overwritten. Returns the public key's text form for the device config,
// "ed25519:<base64 of 32 bytes>"; nullopt with error otherwise.
std::optional<std::string> generateFeedKey(const std::filesystem::path& key_file, std::string& error);

// The public key text ("ed25519:…") of the private key in key_file; nullopt with error when the file
// is not an Ed25519 private key in PEM.
std::optional<std::string> feedPublicKeyOf(const std::filesystem::path& key_file, std::string& error);

// Signs the exact bytes of feed_dir/manifest.json with the key in key_file and writes
// feed_dir/manifest.json.sig (sync/feed_signature.h's format) atomically: a web server serves the
// old or the new file, never part of one. False with error otherwise.
bool signManifest(const std::filesystem::path& feed_dir, const std::filesystem::path& key_file, std::string& error);

} // namespace gk
