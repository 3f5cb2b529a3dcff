// Builds the card the information screen shows for one scheduler slot: which fields of a notice,
// guide, disclosure, image or text card a passer-by needs, formatted for reading from a few
// metres. Pure logic over the content model. Must not include SDL, GL or curl.
#pragma once

#include "config/playlist.h"
#include "display/info/info_view.h"
#include "display/info/scheduler.h"
#include "sync/content.h"

namespace gk {

InfoCard buildInfoCard(const Content& content, const Playlist& playlist, const Slot& slot, int utc_offset_s);

InfoCard noticeCard(const Notice& notice, int utc_offset_s);
InfoCard guideCard(const ServiceGuide& guide);
InfoCard disclosureCard(const DisclosureItem& item);

} // namespace gk
