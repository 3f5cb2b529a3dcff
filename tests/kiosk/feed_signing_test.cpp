// Signed manifests end to end in one process: keys made and manifests signed by kiosk/publish/,
// checked by sync/feed_signature.h and by syncOnce over file:// into a real store, with the keys
// as a device config names them (config/settings.h).
#include "config/feed_keys.h"
#include "config/settings.h"
#include "kiosk/publish/feed_signing.h"
#include "sync/feed_signature.h"
#include "sync/loader.h"
#include "sync/store.h"
#include "sync/sync_once.h"

#include "test_support.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace gk;
namespace fs = std::filesystem;

using test::generationIdOf;
using test::readFile;
using test::SyncFixture;
using test::TempDir;
using test::writeFile;

namespace {

std::string makeKey(const fs::path& file) {
    std::string error;
    const std::optional<std::string> key = generateFeedKey(file, error);
    INFO(error);
    REQUIRE(key);
    return *key;
}

std::string sign(const fs::path& feed_dir, const fs::path& key_file) {
    std::string error;
    const bool signed_ok = signManifest(feed_dir, key_file, error);
    INFO(error);
    REQUIRE(signed_ok);
    return readFile(feed_dir / "manifest.json.sig");
}

FeedTrust trusting(std::vector<std::string> keys) {
    return FeedTrust{true, std::move(keys)};
}

} // namespace

TEST_CASE("base64 is exactly RFC 4648 with padding, both ways", "[publish]") {
    CHECK(decodeBase64("") == std::string());
    CHECK(decodeBase64("Zm9vYg==") == std::string("foob"));
    CHECK(decodeBase64("Zm9vYmE=") == std::string("fooba"));
    CHECK(decodeBase64("Zm9vYmFy") == std::string("foobar"));
    CHECK_FALSE(decodeBase64("Zm9vYg="));   // not a multiple of 4
    CHECK_FALSE(decodeBase64("Zm9v Yg==")); // no whitespace
    CHECK_FALSE(decodeBase64("Zm=vYmFy"));  // '=' only at the end
    CHECK_FALSE(decodeBase64("Zm9vYh=="));  // unused bits must be zero: one spelling per value
    CHECK_FALSE(decodeBase64("Zm9v-_=="));  // not the URL alphabet
    // RFC 4648's test vectors, and a round trip of every byte value.
    const std::vector<std::pair<std::string, std::string>> vectors{{"", ""},
                                                                   {"f", "Zg=="},
                                                                   {"fo", "Zm8="},
                                                                   {"foo", "Zm9v"},
                                                                   {"foob", "Zm9vYg=="},
                                                                   {"fooba", "Zm9vYmE="},
                                                                   {"foobar", "Zm9vYmFy"}};
    for (const auto& [bytes, text] : vectors) CHECK(encodeBase64(bytes) == text);
    std::string all;
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
    CHECK(decodeBase64(encodeBase64(all)) == all);
}

TEST_CASE("keygen writes a 0600 PEM key, never over an existing file, and prints its public key", "[publish]") {
    TempDir temp;
    const fs::path file = temp.path() / "feed.key";
    const std::string key = makeKey(file);
    std::string error;
    CHECK(parseFeedPublicKey(key, error)); // the text form a device config takes
    CHECK(key.rfind("ed25519:", 0) == 0);
    CHECK(key.size() == 8 + 44);
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(readFile(file).rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
    CHECK(feedPublicKeyOf(file, error) == key);

    const std::string pem = readFile(file);
    CHECK_FALSE(generateFeedKey(file, error));
    CHECK(error.find("already exists") != std::string::npos);
    CHECK(readFile(file) == pem); // untouched
    CHECK(makeKey(temp.path() / "other.key") != key);
}

TEST_CASE("a signature verifies over the exact manifest bytes and the signing key only", "[publish]") {
    TempDir temp;
    const std::string key = makeKey(temp.path() / "a.key");
    const std::string other = makeKey(temp.path() / "b.key");
    writeFile(temp.path() / "feed/manifest.json", R"({"format": "gongkai-feed/1"})"
                                                  "\n");
    const std::string manifest = readFile(temp.path() / "feed/manifest.json");
    const std::string sig = sign(temp.path() / "feed", temp.path() / "a.key");
    std::string error;
    CHECK(verifyManifestSignature(manifest, sig, {key}, error));
    CHECK(verifyManifestSignature(manifest, sig, {other, key}, error)); // rotation: any listed key

    SECTION("one changed byte is refused") {
        std::string tampered = manifest;
        tampered[3] ^= 0x01;
        CHECK_FALSE(verifyManifestSignature(tampered, sig, {key}, error));
        CHECK(error.find("signature mismatch") != std::string::npos);
    }
    SECTION("a manifest with a byte added is refused") {
        CHECK_FALSE(verifyManifestSignature(manifest + " ", sig, {key}, error));
        CHECK(error.find("signature mismatch") != std::string::npos);
    }
    SECTION("a key that did not sign is refused, and named") {
        CHECK_FALSE(verifyManifestSignature(manifest, sig, {other}, error));
        std::string ignored;
        const std::string signer_id = feedKeyId(*parseFeedPublicKey(key, ignored));
        CHECK(error.find("signed by key " + signer_id) != std::string::npos);
        CHECK(error.find("not among") != std::string::npos);
    }
    SECTION("a key_id pointing at a trusted key does not make another key's signature valid") {
        std::string ignored;
        ManifestSignature forged = *parseSignatureFile(sig, ignored);
        forged.key_id = feedKeyId(*parseFeedPublicKey(other, ignored));
        CHECK_FALSE(verifyManifestSignature(manifest, formatSignatureFile(forged), {other}, error));
        CHECK(error.find("signature mismatch") != std::string::npos);
    }
    SECTION("a damaged .sig file is refused with what is wrong") {
        CHECK_FALSE(verifyManifestSignature(manifest, "not json", {key}, error));
        CHECK(error.find("not valid JSON") != std::string::npos);
        CHECK_FALSE(verifyManifestSignature(manifest, R"({"format":"gongkai-feed-sig/1","algorithm":"ed25519",
            "key_id":"00","signature":"AAAA"})",
                                            {key}, error));
        CHECK(error.find("base64 of 64 bytes") != std::string::npos);
    }
    SECTION("no usable key verifies nothing") {
        CHECK_FALSE(verifyManifestSignature(manifest, sig, {"ed25519:short"}, error));
        CHECK(error.find("none usable") != std::string::npos);
    }
}

TEST_CASE("signManifest refuses a key that is not an Ed25519 PEM and a feed without a manifest", "[publish]") {
    TempDir temp;
    makeKey(temp.path() / "a.key");
    writeFile(temp.path() / "feed/manifest.json", "{}\n");
    writeFile(temp.path() / "junk.key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    std::string error;
    CHECK_FALSE(signManifest(temp.path() / "feed", temp.path() / "junk.key", error));
    CHECK(error.find("not an Ed25519 private key") != std::string::npos);
    CHECK_FALSE(signManifest(temp.path() / "empty", temp.path() / "a.key", error));
    CHECK(error.find("manifest.json") != std::string::npos);
    CHECK_FALSE(fs::exists(temp.path() / "feed/manifest.json.sig"));
}

TEST_CASE("feed_public_keys in the device config: well-formed keys taken, a bad one is an error that still "
          "requires signatures",
          "[publish]") {
    TempDir temp;
    const std::string key = makeKey(temp.path() / "a.key");
    SettingsResult ok = parseSettings(R"({"feed_public_keys": [")" + key + R"("]})", "kiosk.json");
    CHECK(ok.problems.empty());
    CHECK(ok.settings.feed_trust.required);
    CHECK(ok.settings.feed_trust.public_keys == std::vector<std::string>{key});

    const SettingsResult none = parseSettings("{}", "kiosk.json");
    CHECK_FALSE(none.settings.feed_trust.required); // as before keys existed
    CHECK(parseSettings(R"({"feed_public_keys": []})", "kiosk.json").problems.empty());

    const SettingsResult bad =
        parseSettings(R"({"feed_public_keys": [")" + key + R"(", "ed25519:AAAA", "rsa:x", 7]})", "kiosk.json");
    CHECK(bad.problems.size() == 3);
    const std::string text = bad.formattedProblems();
    CHECK(text.find("kiosk.json: feed_public_keys[1]: is not a feed public key (after \"ed25519:\"") !=
          std::string::npos);
    CHECK(text.find("kiosk.json: feed_public_keys[2]: is not a feed public key (it does not start with") !=
          std::string::npos);
    CHECK(text.find("kiosk.json: feed_public_keys[3]: must be an array of keys") != std::string::npos);
    CHECK(bad.settings.feed_trust.required);
    CHECK(bad.settings.feed_trust.public_keys == std::vector<std::string>{key});

    const SettingsResult wrong_type = parseSettings(R"({"feed_public_keys": ")" + key + R"("})", "kiosk.json");
    CHECK_FALSE(wrong_type.ok());
    CHECK(wrong_type.settings.feed_trust.required); // fails closed: nothing unsigned is taken
    CHECK(wrong_type.settings.feed_trust.public_keys.empty());
}

TEST_CASE("a device with feed_public_keys takes only signed publishes over file://, and keeps the last good one",
          "[publish][sync]") {
    SyncFixture f;
    const fs::path first_key = f.temp.path() / "first.key";
    const fs::path second_key = f.temp.path() / "second.key";
    const std::string first = makeKey(first_key);
    const std::string second = makeKey(second_key);
    const std::string manifest = f.publish();
    SyncRequest request = f.request();

    SECTION("without keys configured an unsigned publish is taken, as always") {
        CHECK(syncOnce(request).result == SyncResult::Changed);
    }
    SECTION("missing .sig with keys configured is refused; nothing is committed") {
        request.trust = trusting({first});
        const SyncOutcome outcome = syncOnce(request);
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error.find("manifest signature") != std::string::npos);
        CHECK(outcome.error.find("manifest.json.sig") != std::string::npos);
        CHECK(outcome.error.find("feed_public_keys") != std::string::npos);
        CHECK(outcome.error.find("the store holds no publish yet") != std::string::npos);
        CHECK(f.generationCount() == 0);
        CHECK(readStoreState(f.data).last_error == outcome.error); // what status and the screen show
    }
    SECTION("two keys configured (rotation), signed by the second: taken, and the signature kept") {
        sign(f.portal, second_key);
        request.trust = trusting({first, second});
        const SyncOutcome outcome = syncOnce(request);
        INFO(outcome.error);
        REQUIRE(outcome.result == SyncResult::Changed);
        const fs::path gen = f.store("generations/" + generationIdOf(manifest));
        CHECK(readFile(gen / "manifest.json.sig") == readFile(f.portal / "manifest.json.sig"));
        CHECK(syncOnce(request).result == SyncResult::Unchanged);
    }
    SECTION("after a good signed publish: tampered, wrongly signed and unsigned publishes are refused") {
        sign(f.portal, first_key);
        request.trust = trusting({first});
        REQUIRE(syncOnce(request).result == SyncResult::Changed);
        const std::string good = generationIdOf(manifest);

        // One byte of the manifest changed after signing (the files it names still match).
        std::string tampered = manifest;
        tampered.replace(tampered.find("2026-11-27T08:00:00"), 19, "2026-11-27T09:00:00");
        writeFile(f.portal / "manifest.json", tampered);
        SyncOutcome outcome = syncOnce(request);
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error.find("signature mismatch") != std::string::npos);
        CHECK(outcome.error.find("the current publish stays") != std::string::npos);
        CHECK(outcome.generation == good);

        // Signed properly, but by a key the device does not list.
        sign(f.portal, second_key);
        outcome = syncOnce(request);
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error.find("not among the device's feed_public_keys") != std::string::npos);

        fs::remove(f.portal / "manifest.json.sig");
        outcome = syncOnce(request);
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error.find("manifest.json.sig") != std::string::npos);

        CHECK(readFile(f.store("current")) == good + "\n");
        CHECK(f.stagingEmpty());
        std::string damage;
        CHECK(verifyGeneration(f.data, good, damage));

        // The signer's key signs the new manifest: taken.
        sign(f.portal, first_key);
        outcome = syncOnce(request);
        INFO(outcome.error);
        CHECK(outcome.result == SyncResult::Changed);
        CHECK(outcome.generation == generationIdOf(tampered));
    }
    SECTION("keys added to a device whose publish was unsigned: the publish on screen is checked too") {
        REQUIRE(syncOnce(request).result == SyncResult::Changed);
        request.trust = trusting({first});
        SyncOutcome outcome = syncOnce(request);
        CHECK(outcome.result == SyncResult::Failed); // unsigned: refused, though unchanged
        CHECK(outcome.error.find("manifest.json.sig") != std::string::npos);
        CHECK(outcome.generation == generationIdOf(manifest)); // and it stays on screen
        sign(f.portal, first_key);
        outcome = syncOnce(request);
        INFO(outcome.error);
        CHECK(outcome.result == SyncResult::Unchanged);
        CHECK(fs::exists(f.store("generations/" + generationIdOf(manifest)) / "manifest.json.sig"));
    }
    SECTION("keys listed but none usable: everything is refused") {
        sign(f.portal, first_key);
        request.trust = trusting({});
        const SyncOutcome outcome = syncOnce(request);
        CHECK(outcome.result == SyncResult::Failed);
        CHECK(outcome.error.find("none is a usable key") != std::string::npos);
    }
}
