// The reading pages of kiosk mode: a disclosure item (metadata table, body, attachments with QR
// codes, related items), a service guide laid out as a hall prints it, and a notice. Used by
// kiosk_pages. Must not include SDL, GL or curl.
#pragma once

#include "display/kiosk/kiosk_pages.h"

namespace gk {

KioskPage disclosurePage(const DisclosureItem& item, const PageContext& context, const KioskStyle& style, float width);
KioskPage guidePage(const ServiceGuide& guide, const PageContext& context, const KioskStyle& style, float width);
KioskPage noticePage(const Notice& notice, const PageContext& context, const KioskStyle& style, float width);
// A page of a PDF attachment (context.attachment says how far it is): the file's name, where the
// resident is in it with 上一页 / 下一页, the page fit to the width; or, when it cannot be shown,
// 「此文件无法在本机显示，请扫码在手机上查看」 with the file's QR code. The panel offers the file too.
KioskPage attachmentPage(const AttachmentRef& ref, const PageContext& context, const KioskStyle& style, float width);

} // namespace gk
