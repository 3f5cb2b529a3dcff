// Tests of display/qr: quiet zone and size of the produced matrix, round trips through a real
// decoder (zbarimg reads the matrix written as a PGM image), rejection of bad input, and the
// integer module size. No ImGui: the image is written here from QrMatrix::isDark.
#include "display/qr.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>

namespace {

// Binary PGM (P5), dark modules black on white, `px` pixels per module.
std::filesystem::path writePgm(const gk::QrMatrix& m, int px, const std::string& tag) {
    const auto path =
        std::filesystem::temp_directory_path() / ("gk_qr_test_" + std::to_string(::getpid()) + "_" + tag + ".pgm");
    const int side = m.size * px;
    std::ofstream out(path, std::ios::binary);
    out << "P5\n" << side << ' ' << side << "\n255\n";
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) out.put(m.isDark(x / px, y / px) ? char(0) : char(255));
    return path;
}

struct Decoded {
    int exit_code = -1;
    std::string text;
};

// zbarimg -q --raw prints the payload and a newline; exit 0 = found, 4 = nothing found.
// Its D-Bus complaints on stderr are discarded.
Decoded decodeWithZbar(const std::filesystem::path& image) {
    Decoded result;
    const std::string command = "zbarimg -q --raw '" + image.string() + "' 2>/dev/null";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.text.append(buffer, n);
    const int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (!result.text.empty() && result.text.back() == '\n') result.text.pop_back();
    std::filesystem::remove(image);
    return result;
}

void requireRoundTrip(const std::string& text, gk::QrEcc ecc, const std::string& tag) {
    const auto qr = gk::encodeQr(text, ecc);
    REQUIRE(qr.has_value());
    const Decoded decoded = decodeWithZbar(writePgm(*qr, 4, tag));
    INFO("zbarimg exit " << decoded.exit_code << " (127 = zbar-tools not installed)");
    REQUIRE(decoded.exit_code == 0);
    CHECK(decoded.text == text);
}

const std::string kUrl = "https://m.Example.gov.cn/xxgk/AbC123?id=9";

} // namespace

TEST_CASE("QR matrix has a 4-module light quiet zone on every side", "[qr]") {
    for (gk::QrEcc ecc : {gk::QrEcc::Low, gk::QrEcc::Medium, gk::QrEcc::Quartile, gk::QrEcc::High}) {
        const auto qr = gk::encodeQr(kUrl, ecc);
        REQUIRE(qr.has_value());
        CHECK(qr->quiet_zone == 4);
        REQUIRE(qr->version >= 1);
        REQUIRE(qr->version <= 40);
        CHECK(qr->symbolSize() == 17 + 4 * qr->version); // ISO/IEC 18004 symbol side
        CHECK(qr->size == qr->symbolSize() + 8);
        REQUIRE(qr->dark.size() == static_cast<std::size_t>(qr->size * qr->size));
        for (int y = 0; y < qr->size; ++y)
            for (int x = 0; x < qr->size; ++x) {
                const bool margin = x < 4 || y < 4 || x >= qr->size - 4 || y >= qr->size - 4;
                if (margin) REQUIRE_FALSE(qr->isDark(x, y));
            }
        // Finder patterns start dark at three corners of the symbol, not at the fourth.
        const int last = qr->size - 5;
        CHECK(qr->isDark(4, 4));
        CHECK(qr->isDark(last, 4));
        CHECK(qr->isDark(4, last));
        CHECK_FALSE((qr->isDark(last, last) && qr->isDark(last - 1, last) && qr->isDark(last, last - 1) &&
                     qr->isDark(last - 6, last)));
        CHECK_FALSE(qr->isDark(-1, 0));
        CHECK_FALSE(qr->isDark(0, qr->size));
    }
}

TEST_CASE("a higher error-correction level never gives a smaller symbol", "[qr]") {
    const auto low = gk::encodeQr(kUrl, gk::QrEcc::Low);
    const auto high = gk::encodeQr(kUrl, gk::QrEcc::High);
    REQUIRE(low.has_value());
    REQUIRE(high.has_value());
    CHECK(high->size >= low->size);
}

TEST_CASE("QR round trip through zbar preserves case", "[qr][zbar]") {
    requireRoundTrip(kUrl, gk::QrEcc::Medium, "url");
    requireRoundTrip(kUrl, gk::QrEcc::High, "url_h");
    requireRoundTrip("0731-88886666", gk::QrEcc::Low, "digits");
}

TEST_CASE("a 300-byte URL round-trips through zbar", "[qr][zbar]") {
    std::string url = "https://zwfw.Example.gov.cn/bsznx/Detail?itemCode=";
    const std::string alphabet = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_";
    for (std::size_t i = 0; url.size() < 300; ++i) url += alphabet[(i * 7) % alphabet.size()];
    REQUIRE(url.size() == 300);
    requireRoundTrip(url, gk::QrEcc::Medium, "long");
    requireRoundTrip(url, gk::QrEcc::Low, "long_l");
}

TEST_CASE("encodeQr rejects empty, NUL-containing and too-long input", "[qr]") {
    CHECK_FALSE(gk::encodeQr("").has_value());
    CHECK_FALSE(gk::encodeQr(std::string("abc\0def", 7)).has_value());
    CHECK_FALSE(gk::encodeQr(std::string(3000, 'a'), gk::QrEcc::Low).has_value());
    CHECK_FALSE(gk::encodeQr(std::string(1 << 20, 'x')).has_value());
    CHECK_FALSE(gk::encodeQr(std::string(8000, '7'), gk::QrEcc::Low).has_value());
    // 2000 bytes fit a symbol at Low (up to 2953) but not at High (at most 1273).
    const std::string big(2000, 'q');
    const auto low = gk::encodeQr(big, gk::QrEcc::Low);
    REQUIRE(low.has_value());
    CHECK_FALSE(gk::encodeQr(big, gk::QrEcc::High).has_value());
}

TEST_CASE("qrModulePixels gives the largest whole module size that fits", "[qr]") {
    for (int modules : {21 + 8, 29 + 8, 65 + 8, 177 + 8}) {
        for (int available : {1, 36, 100, 369, 370, 1080}) {
            const int px = gk::qrModulePixels(modules, available, 2);
            INFO(modules << " modules in " << available << " px -> " << px);
            if (px == 0) {
                CHECK(modules * 2 > available);
            } else {
                CHECK(px >= 2);
                CHECK(px * modules <= available);
                CHECK((px + 1) * modules > available);
            }
        }
    }
    CHECK(gk::qrModulePixels(37, 370, 10) == 10);
    CHECK(gk::qrModulePixels(37, 369, 10) == 0);
    CHECK(gk::qrModulePixels(37, 37, 0) == 1); // a minimum below 1 means 1
    CHECK(gk::qrModulePixels(0, 100, 1) == 0);
    CHECK(gk::qrModulePixels(-5, 100, 1) == 0);
    CHECK(gk::qrModulePixels(37, -1, 1) == 0);
}
