// QR encoding through libqrencode: input checks, RAII ownership of the QRcode, and copying the
// symbol into a QrMatrix with our own quiet zone; module sizing for the drawer.
// Must not include ImGui, SDL or GL.
#include "display/qr.h"

#include <qrencode.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>

namespace gk {
namespace {

// No mode packs more than 7089 characters (numeric, version 40-L); longer input can never fit,
// so it is rejected before libqrencode parses it.
constexpr std::size_t kMaxQrInputBytes = 7089;

struct QrCodeDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrCodePtr = std::unique_ptr<QRcode, QrCodeDeleter>;

QRecLevel toLevel(QrEcc ecc) {
    switch (ecc) {
    case QrEcc::Low: return QR_ECLEVEL_L;
    case QrEcc::Medium: return QR_ECLEVEL_M;
    case QrEcc::Quartile: return QR_ECLEVEL_Q;
    case QrEcc::High: return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_M;
}

// libqrencode is documented as thread-unsafe when built without pthread; a lock costs nothing
// at the rate QR codes are made and keeps callers free of that concern.
std::mutex& encoderMutex() {
    static std::mutex mutex;
    return mutex;
}

QrMatrix withQuietZone(const QRcode& code) {
    QrMatrix m;
    m.quiet_zone = kQrQuietZoneModules;
    m.version = code.version;
    m.size = code.width + 2 * m.quiet_zone;
    m.dark.assign(static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size), 0);
    for (int y = 0; y < code.width; ++y) {
        for (int x = 0; x < code.width; ++x) {
            // libqrencode: bit 0 of each byte is the module colour (1 = dark).
            const unsigned char module = code.data[y * code.width + x];
            const std::size_t at =
                static_cast<std::size_t>(y + m.quiet_zone) * m.size + static_cast<std::size_t>(x + m.quiet_zone);
            m.dark[at] = module & 1u;
        }
    }
    return m;
}

} // namespace

std::optional<QrMatrix> encodeQr(std::string_view text, QrEcc ecc) {
    if (text.empty() || text.size() > kMaxQrInputBytes) return std::nullopt;
    if (text.find('\0') != std::string_view::npos) return std::nullopt; // C-string API
    const std::string input(text);
    QrCodePtr code;
    {
        const std::lock_guard<std::mutex> lock(encoderMutex());
        // Version 0 = smallest that fits; QR_MODE_8 hint for UTF-8; 1 = keep lower case.
        code.reset(QRcode_encodeString(input.c_str(), 0, toLevel(ecc), QR_MODE_8, 1));
    }
    if (!code || code->width <= 0 || code->data == nullptr) return std::nullopt;
    QrMatrix matrix = withQuietZone(*code);
    matrix.payload = input;
    return matrix;
}

int qrModulePixels(int qr_size_modules, int available_px, int min_px_per_module) {
    if (qr_size_modules <= 0 || available_px <= 0) return 0;
    const int fit = available_px / qr_size_modules;
    return fit >= std::max(min_px_per_module, 1) ? fit : 0;
}

} // namespace gk
