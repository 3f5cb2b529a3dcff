// The heartbeat's picture slot. See screenshot_slot.h.
#include "kiosk/services/screenshot_slot.h"

namespace gk {

void ScreenshotSlot::setWanted(bool wanted) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_wanted = wanted;
}

bool ScreenshotSlot::due(std::int64_t now_s) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_wanted) return false;
    return !m_newest || now_s - m_newest->taken_at_s >= m_interval_s || now_s < m_newest->taken_at_s;
}

void ScreenshotSlot::put(Screenshot shot) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_newest = std::move(shot);
    ++m_serial;
}

std::optional<std::pair<std::uint64_t, Screenshot>> ScreenshotSlot::undelivered() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_newest || m_newest->png.empty() || m_serial == m_delivered_serial) return std::nullopt;
    return std::make_pair(m_serial, *m_newest);
}

void ScreenshotSlot::delivered(std::uint64_t serial) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_delivered_serial = std::max(m_delivered_serial, serial);
}

} // namespace gk
