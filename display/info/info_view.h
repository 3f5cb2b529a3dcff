// The prepared view of the information screen (display mode): plain data, strings already
// formatted, so that drawing is a pure function of it. Built by info_view_builder, drawn by
// info_screen. Must not include SDL, GL or curl.
#pragma once

#include "display/qr.h"
#include "sync/html_blocks.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gk {

enum class CardKind { Notice, Guide, Disclosure, Image, Text, Idle, Video };

struct CardField {
    std::string label; // e.g. 办理地点
    std::string value;
    bool pinned = false; // shown under every page of a card that pages: what a visitor must not miss
    bool operator==(const CardField&) const = default;
};

// A decoded image ready for the screen: the GL texture is owned by the kiosk layer.
struct CardImage {
    std::uint64_t texture = 0; // ImTextureID
    int width = 0;
    int height = 0;
};

// A video item's slot: what the screen's player plays (kiosk/shell/video_slot.h), and where.
struct CardVideo {
    std::string file; // the verified file in the store
    bool muted = true;
    bool loop = false;
    std::optional<double> max_seconds; // the item's duration_s; absent: the video's own length
    bool full_screen = false;          // zone "full": nothing else on screen
    std::string href;                  // its name in the feed, for the log
    bool operator==(const CardVideo&) const = default;
};

struct InfoCard {
    CardKind kind = CardKind::Idle;
    std::string badge; // category chip: 通知公告 / 办事指南 / 政府信息公开 / 温馨提示
    bool urgent = false;
    bool important = false;
    std::string title;
    std::string meta; // one line under the title: publisher and date
    std::vector<CardField> fields;
    BodyDocument body;      // headings, paragraphs, lists and tables (images and links are not shown)
    std::string image_href; // for Image cards: which attachment to show (Video cards: the video's)
    std::string qr_url;     // continue on the phone; empty = no QR
    std::string qr_caption;
    std::optional<CardVideo> video{}; // Video cards
};

// Which parts of the screen to draw: everything, or only some boxes — the frame loop redraws only
// the clock when only the clock changed, only the ticker strip for each step of its scroll, and
// only the card (clipped to its box) for each step of its fade.
// A playing video redraws only its picture (kInfoVideo) for each new frame.
enum InfoRegion : unsigned {
    kInfoAll = 0,
    kInfoClock = 1u << 0,
    kInfoTicker = 1u << 1,
    kInfoCard = 1u << 2,
    kInfoVideo = 1u << 3
};

struct InfoScreenView {
    bool portrait = false;
    std::string site_name;
    std::string date_text;  // 2026年11月27日 星期五
    std::string clock_text; // 10:00:00
    InfoCard card;
    std::optional<QrMatrix> qr;
    std::optional<CardImage> image;
    // A Video card's current frame (drawn as big as videoRect says; none before the first frame).
    std::optional<CardImage> video_frame;
    int video_width = 0, video_height = 0; // the video's own size, once known (its shape on screen)
    float reveal = 1.0f;                   // 0..1: the card's fade-in after a rotation step
    std::size_t card_page = 0;             // which page of a long card's text shows (see display/info/card_text.h)
    // How many of its pages the slot shows (1: it does not page); beyond them, the rest is on the phone.
    std::size_t card_page_count = 1;
    std::string position_text; // 3 / 12
    std::string status_text;   // 内容更新于 …
    std::string offline_text;  // non-empty: the offline banner
    std::string staff_warning; // small corner note for staff (bad playlist, bad config)
    float reserved_bottom = 0; // pixels left free at the bottom (kiosk mode's 「点击屏幕开始」)
    // The ticker: lines from the playlist and titles of important notices, scrolling right to
    // left; empty = no ticker strip. ticker_elapsed_ms is how long it has been running.
    std::string ticker_text;
    std::uint64_t ticker_elapsed_ms = 0;
    // Non-empty while an urgent notice holds the screen: the red banner above the card.
    std::string urgent_banner;
    std::string urgent_notice_id; // the notice of the banner (kiosk mode: a tap on it opens it)
};

} // namespace gk
