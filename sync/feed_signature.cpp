// Ed25519 manifest signatures (sync/feed_signature.h) with OpenSSL EVP. Must not include SDL,
// ImGui, GL or curl.
#include "sync/feed_signature.h"

#include "config/feed_keys.h"
#include "sync/json_fields.h"
#include "sync/sha256.h"

#include <openssl/evp.h>

#include <memory>

namespace gk {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

bool verifyWith(std::string_view raw_key, std::string_view manifest_bytes, const std::string& signature) {
    const std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw_key.data()), raw_key.size()));
    const std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    // Ed25519 hashes the message itself: no digest is named, and the one-shot call is required.
    return key && ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
           EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                            reinterpret_cast<const unsigned char*>(manifest_bytes.data()), manifest_bytes.size()) == 1;
}

} // namespace

std::string feedKeyId(std::string_view raw_public_key) {
    return sha256Hex(raw_public_key).substr(0, 16);
}

std::string formatSignatureFile(const ManifestSignature& signature) {
    const nlohmann::ordered_json doc = {{"format", kSignatureFormat},
                                        {"algorithm", "ed25519"},
                                        {"key_id", signature.key_id},
                                        {"signature", encodeBase64(signature.signature)}};
    return doc.dump() + "\n";
}

std::optional<ManifestSignature> parseSignatureFile(std::string_view text, std::string& error) {
    if (text.size() > kMaxSignatureBytes) {
        error = "larger than " + std::to_string(kMaxSignatureBytes) + " bytes";
        return std::nullopt;
    }
    const std::optional<nlohmann::json> doc = parseJsonDocument(text, error);
    if (!doc) return std::nullopt;
    const auto field = [&doc](const char* key) -> std::string {
        const auto it = doc->is_object() ? doc->find(key) : doc->end();
        return it != doc->end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (!doc->is_object() || field("format") != kSignatureFormat) {
        error = std::string("format is not \"") + kSignatureFormat + "\"";
        return std::nullopt;
    }
    if (field("algorithm") != "ed25519") {
        error = "algorithm is not \"ed25519\"";
        return std::nullopt;
    }
    ManifestSignature signature;
    signature.key_id = field("key_id");
    const std::optional<std::string> raw = decodeBase64(field("signature"));
    if (!raw || raw->size() != kEd25519SignatureBytes) {
        error = "signature is not the base64 of " + std::to_string(kEd25519SignatureBytes) + " bytes";
        return std::nullopt;
    }
    signature.signature = *raw;
    return signature;
}

bool verifyManifestSignature(std::string_view manifest_bytes, std::string_view sig_text,
                             const std::vector<std::string>& public_keys, std::string& error) {
    const std::optional<ManifestSignature> signature = parseSignatureFile(sig_text, error);
    if (!signature) return false;
    std::string trusted_ids;
    for (const std::string& text : public_keys) {
        std::string ignored; // config check reports malformed keys
        const std::optional<std::string> raw = parseFeedPublicKey(text, ignored);
        if (!raw) continue;
        const std::string id = feedKeyId(*raw);
        trusted_ids += (trusted_ids.empty() ? "" : ", ") + id;
        if (id != signature->key_id) continue;
        if (verifyWith(*raw, manifest_bytes, signature->signature)) return true;
        error = "signature mismatch: manifest.json is not the file key " + id +
                " signed (changed after signing, or signed over other bytes)";
        return false;
    }
    error = "signed by key " + (signature->key_id.empty() ? std::string("(no key_id)") : signature->key_id) +
            ", which is not among the device's feed_public_keys (" +
            (trusted_ids.empty() ? std::string("none usable") : trusted_ids) + ")";
    return false;
}

} // namespace gk
