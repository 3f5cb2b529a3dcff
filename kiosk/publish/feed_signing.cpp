// Making feed keys and signing manifests (kiosk/publish/feed_signing.h).
#include "kiosk/publish/feed_signing.h"

#include "config/feed_keys.h"
#include "config/i18n.h"
#include "sync/feed_signature.h"
#include "sync/fs_util.h"
#include "sync/limits.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace gk {
namespace {

namespace fs = std::filesystem;

// A private key is a few hundred bytes of PEM.
constexpr std::uint64_t kMaxKeyFileBytes = 64 * 1024;

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// OpenSSL's newest error as text, and its queue emptied (so that it never leaks into a later call).
std::string opensslError() {
    const unsigned long code = ERR_get_error();
    char text[256] = "unknown OpenSSL error";
    if (code != 0) ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return text;
}

std::optional<std::string> rawPublicKey(EVP_PKEY* key) {
    std::string raw(kEd25519KeyBytes, '\0');
    std::size_t size = raw.size();
    if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &size) != 1 ||
        size != kEd25519KeyBytes)
        return std::nullopt;
    return raw;
}

Pkey readPrivateKey(const fs::path& key_file, std::string& error) {
    std::string problem;
    const std::optional<std::string> pem = readFileCapped(key_file, kMaxKeyFileBytes, problem);
    if (!pem) {
        error = fillIn(tr("cannot read the key {0}: {1}"), {key_file.string(), problem});
        return nullptr;
    }
    const std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
    Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
        ERR_clear_error();
        error = fillIn(tr("{0} is not an Ed25519 private key in PEM (make one with `gongkai-kiosk feed keygen`)"),
                       {key_file.string()});
        return nullptr;
    }
    return key;
}

std::string publicKeyText(const std::string& raw) {
    return std::string(kFeedKeyPrefix) + encodeBase64(raw);
}

} // namespace

std::optional<std::string> generateFeedKey(const fs::path& key_file, std::string& error) {
    Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    const std::optional<std::string> raw = key ? rawPublicKey(key.get()) : std::nullopt;
    const std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    if (!raw || !bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        error = fillIn(tr("cannot make a key: {0}"), {opensslError()});
        return std::nullopt;
    }
    char* pem = nullptr;
    const long pem_size = BIO_get_mem_data(bio.get(), &pem);
    // O_EXCL: never replace a key, which would lock every device that trusts it out of new publishes.
    const int fd = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        error = errno == EEXIST ? fillIn(tr("{0} already exists; a key is never overwritten (choose another file)"),
                                         {key_file.string()})
                                : fillIn(tr("cannot create {0}: {1}"), {key_file.string(), std::strerror(errno)});
        return std::nullopt;
    }
    const bool written = pem_size > 0 && ::write(fd, pem, static_cast<std::size_t>(pem_size)) == pem_size;
    const bool synced = written && ::fsync(fd) == 0;
    const int saved_errno = errno;
    ::close(fd);
    if (!synced) {
        std::error_code ignored;
        fs::remove(key_file, ignored);
        error = fillIn(tr("cannot write {0}: {1}"), {key_file.string(), std::strerror(saved_errno)});
        return std::nullopt;
    }
    return publicKeyText(*raw);
}

std::optional<std::string> feedPublicKeyOf(const fs::path& key_file, std::string& error) {
    const Pkey key = readPrivateKey(key_file, error);
    if (!key) return std::nullopt;
    const std::optional<std::string> raw = rawPublicKey(key.get());
    if (!raw) {
        error = fillIn(tr("cannot read the public half of {0}: {1}"), {key_file.string(), opensslError()});
        return std::nullopt;
    }
    return publicKeyText(*raw);
}

bool signManifest(const fs::path& feed_dir, const fs::path& key_file, std::string& error) {
    const Pkey key = readPrivateKey(key_file, error);
    if (!key) return false;
    const fs::path manifest_path = feed_dir / "manifest.json";
    std::string problem;
    // Signed as read, byte for byte: the device verifies the bytes it fetched, nothing re-serialised.
    const std::optional<std::string> manifest = readFileCapped(manifest_path, FeedLimits{}.manifest_bytes, problem);
    if (!manifest) {
        error = fillIn(tr("cannot read {0}: {1}"), {manifest_path.string(), problem});
        return false;
    }
    const std::optional<std::string> raw = rawPublicKey(key.get());
    std::string signature(kEd25519SignatureBytes, '\0');
    std::size_t size = signature.size();
    const std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    // Ed25519 hashes the message itself: no digest is named, and the one-shot call is required.
    if (!raw || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                       reinterpret_cast<const unsigned char*>(manifest->data()), manifest->size()) != 1 ||
        size != kEd25519SignatureBytes) {
        error = fillIn(tr("cannot sign {0}: {1}"), {manifest_path.string(), opensslError()});
        return false;
    }
    const fs::path sig_path = feed_dir / (std::string("manifest.json") + kSignatureSuffix);
    if (!writeFileAtomic(sig_path, formatSignatureFile({feedKeyId(*raw), signature}), problem)) {
        error = fillIn(tr("cannot write {0}: {1}"), {sig_path.string(), problem});
        return false;
    }
    return true;
}

} // namespace gk
