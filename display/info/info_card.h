// Builds the card the information screen shows for one scheduler slot: which fields of a notice,
// guide, disclosure, image or text card a passer-by needs, formatted for reading from a few
// metres. Pure logic over the content model. The title is the one the screen shows, with its
// punctuation normalised for Chinese (normalizeCjkPunctuation) once here, where the card is built
// for its slot: it is drawn on every frame of a fade and in the urgent banner. The fields and the
// body are normalised where they are laid out (PageBuilder). Must not include SDL, GL or curl.
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
