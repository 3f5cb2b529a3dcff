// The reading pages of kiosk mode: a disclosure item (metadata table, body, attachments with QR
// codes, related items), a service guide laid out as a hall prints it, and a notice. Used by
// kiosk_pages. Must not include SDL, GL or curl.
#pragma once

#include "display/kiosk/kiosk_pages.h"

namespace gk {

KioskPage disclosurePage(const DisclosureItem& item, const PageContext& context, const KioskStyle& style, float width);
KioskPage guidePage(const ServiceGuide& guide, const PageContext& context, const KioskStyle& style, float width);
KioskPage noticePage(const Notice& notice, const PageContext& context, const KioskStyle& style, float width);

} // namespace gk
