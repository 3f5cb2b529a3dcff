// The synthetic week of schedule_bench. See bench_week.h.
#include "bench_week.h"

#include "config/civil_time.h"
#include "sync/sha256.h"

#include <nlohmann/json.hpp>
#include <stb_image_write.h>

#include <cstdio>
#include <random>
#include <stdexcept>

namespace gk::bench {
namespace {

using nlohmann::json;
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kHour = 3600;

std::string numbered(const char* prefix, int i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%05d", prefix, i);
    return buf;
}

std::string dayText(std::int64_t day_offset) { // "2026-12-02" for day 2 of the week
    return formatDate(dateFromDays(localDayNumber(weekStart(), kWeekUtcOffsetS) + day_offset));
}

// Validity by position: most notices run all week; some start, some end, some start and end in it.
void setValidity(Notice& n, int i) {
    const std::int64_t w = weekStart();
    n.valid_from = w - 30 * kDay;
    n.valid_until = w + 60 * kDay;
    switch (i % 10) {
    case 6: n.valid_from = w + (i % 7) * kDay + 8 * kHour; break;
    case 7: n.valid_until = w + (i % 7) * kDay + 18 * kHour; break;
    case 8:
        n.valid_from = w + (i % 6) * kDay + 9 * kHour;
        n.valid_until = *n.valid_from + (1 + i % 3) * kDay;
        break;
    case 9: n.valid_from.reset(), n.valid_until.reset(); break;
    default: break;
    }
}

void addNotices(const Content& texts, const WeekSpec& spec, Content& c) {
    for (int i = 0; i < spec.notices; ++i) {
        Notice n = texts.notices[static_cast<std::size_t>(i) % texts.notices.size()];
        n.id = numbered("n-wk-", i);
        n.level = i % 20 == 7 ? NoticeLevel::Important : NoticeLevel::Normal;
        setValidity(n, i);
        const bool reworded = spec.revision > 0 && i % 10 == spec.revision % 10;
        if (reworded) n.title += "（第" + std::to_string(spec.revision) + "次更正）";
        n.mobile_url = "https://m.example.gov.cn/tzgg/" + n.id + "?r=" + std::to_string(reworded ? spec.revision : 0);
        c.notice_index[n.id] = c.notices.size();
        c.notices.push_back(std::move(n));
    }
    // Urgent notices: Tuesday morning, Wednesday afternoon into Thursday, two overlapping on Friday
    // (they rotate), Sunday evening.
    const std::int64_t w = weekStart();
    const std::int64_t windows[][2] = {{1 * kDay + 10 * kHour, 1 * kDay + 11 * kHour + 1800},
                                       {2 * kDay + 15 * kHour, 3 * kDay + 9 * kHour},
                                       {4 * kDay + 9 * kHour, 4 * kDay + 12 * kHour},
                                       {4 * kDay + 10 * kHour, 4 * kDay + 10 * kHour + 2700},
                                       {6 * kDay + 20 * kHour, 6 * kDay + 23 * kHour}};
    int k = 0;
    for (const auto& window : windows) {
        Notice n = texts.notices[static_cast<std::size_t>(k) % texts.notices.size()];
        n.id = numbered("n-urgent-", ++k);
        n.title = "紧急通知：" + n.title;
        n.level = NoticeLevel::Urgent;
        n.valid_from = w + window[0];
        n.valid_until = w + window[1];
        n.mobile_url = "https://m.example.gov.cn/tzgg/" + n.id;
        c.notice_index[n.id] = c.notices.size();
        c.notices.push_back(std::move(n));
    }
}

void addGuidesAndDisclosures(const Content& texts, const WeekSpec& spec, Content& c) {
    for (int i = 0; i < spec.guides; ++i) {
        ServiceGuide g = texts.guides[static_cast<std::size_t>(i) % texts.guides.size()];
        g.id = numbered("g-wk-", i);
        g.mobile_url = "https://m.example.gov.cn/bszn/" + g.id;
        c.guide_index[g.id] = c.guides.size();
        c.guides.push_back(std::move(g));
    }
    for (int i = 0; i < spec.disclosures; ++i) {
        DisclosureItem d = texts.disclosures[static_cast<std::size_t>(i) % texts.disclosures.size()];
        d.id = numbered("d-wk-", i);
        d.mobile_url = "https://m.example.gov.cn/xxgk/" + d.id;
        c.disclosure_index[d.id] = c.disclosures.size();
        c.disclosures.push_back(std::move(d));
    }
}

// daytime_only: no item without a schedule and no overnight window, so the fallback fills nights.
json scheduleJson(std::mt19937& rng, bool daytime_only) {
    const int r = std::uniform_int_distribution<int>(0, 99)(rng);
    const int day = std::uniform_int_distribution<int>(-3, 6)(rng);
    const int length = std::uniform_int_distribution<int>(0, 3)(rng);
    const json office = {{"weekdays", {1, 2, 3, 4, 5}}, {"times", {"08:30-12:00", "14:00-17:30"}}};
    if (r < 30) return daytime_only ? office : nullptr; // always
    if (r < 55) return office;
    if (r < 65) return {{"weekdays", {6, 7}}, {"times", {"09:00-17:00"}}};
    if (r < 70) return daytime_only ? office : json{{"times", {"22:00-06:00"}}};
    if (r < 75) return daytime_only ? office : json{{"weekdays", {5, 6}}, {"times", {"20:00-07:30"}}};
    if (r < 90) {
        json range = {{"from", dayText(day)}, {"until", dayText(day + length)}};
        if (daytime_only) range["times"] = {"08:30-17:30"};
        return range;
    }
    return {{"weekdays", {1, 3, 5}},
            {"times", {"12:00-14:00", "18:00-20:00"}},
            {"from", dayText(day)},
            {"until", dayText(day + length + 2)}};
}

json imageJson(const PlaylistImage& image) {
    return {{"name", image.name},
            {"href", image.href},
            {"sha256", image.sha256},
            {"bytes", image.bytes},
            {"type", image.type}};
}

json itemJson(std::mt19937& rng, const WeekSpec& spec, int i) {
    static const char* const kTexts[][2] = {
        {"温馨提示", "请按号排队，文明办事。叫号未到请在等候区休息。"},
        {"便民服务", "大厅提供免费复印、饮水、老花镜和轮椅，需要帮助请找导办人员。"},
        {"办事须知", "办理业务请携带本人有效身份证件，代办须提供委托书和代办人身份证。"}};
    const auto pick = [&rng](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    const int r = pick(100);
    json item;
    if (r < 35) {
        item["ref"] = "notice:" + numbered("n-wk-", pick(spec.notices));
    } else if (r < 60) {
        item["ref"] = "guide:" + numbered("g-wk-", pick(spec.guides));
    } else if (r < 85) {
        item["ref"] = "disclosure:" + numbered("d-wk-", pick(spec.disclosures));
    } else if (r < 93 && !spec.images.empty()) {
        item["image"] = imageJson(spec.images[static_cast<std::size_t>(i) % spec.images.size()]);
    } else {
        const auto& text = kTexts[pick(3)];
        item["text"] = {{"title", text[0]}, {"body", text[1]}};
    }
    if (pick(5) != 0) item["duration_s"] = 5 + pick(56); // 5–60 s; otherwise the default 15 s
    if (json schedule = scheduleJson(rng, spec.daytime_only); !schedule.is_null()) item["schedule"] = schedule;
    return item;
}

std::string playlistJson(const WeekSpec& spec) {
    std::mt19937 rng(spec.seed);
    json items = json::array();
    for (int i = 0; i < spec.playlist_items; ++i) items.push_back(itemJson(rng, spec, i));
    json ticker = json::array(
        {{{"text", "12345政务服务便民热线 7×24小时为您服务"}},
         {{"text", "工作日 08:30-12:00 14:00-17:30 对外办公"},
          {"schedule", {{"weekdays", {1, 2, 3, 4, 5}}, {"times", {"08:30-17:30"}}}}},
         {{"text", "夜间请使用自助服务区"}, {"schedule", {{"times", {"21:00-07:00"}}}}},
         {{"text", "本周六上午办理不动产登记延时服务"}, {"schedule", {{"from", dayText(3)}, {"until", dayText(5)}}}}});
    const json playlist = {{"name", "大厅主屏"},       {"orientation", "landscape"},
                           {"default_duration_s", 15}, {"items", items},
                           {"ticker", ticker},         {"fallback", {{"ref", "notice:n-wk-00000"}}}};
    return playlist.dump();
}

} // namespace

std::int64_t weekStart() {
    return epochFromCivil(2026, 11, 30, 0, 0, 0, kWeekUtcOffsetS);
}

std::shared_ptr<Content> makeWeekContent(const Content& texts, const WeekSpec& spec) {
    auto c = std::make_shared<Content>();
    c->generation = "bench" + std::to_string(spec.revision);
    c->generated_at = formatIsoLocal(weekStart() + spec.revision * kDay, kWeekUtcOffsetS);
    c->base_url = "https://www.example.gov.cn/kiosk/";
    c->site = texts.site;
    c->catalog = texts.catalog;
    c->objects_dir = spec.objects_dir;
    addNotices(texts, spec, *c);
    addGuidesAndDisclosures(texts, spec, *c);
    c->playlists[kWeekGroup] = playlistJson(spec);
    return c;
}

Playlist weekPlaylist(const Content& content) {
    PlaylistResult parsed = parsePlaylist(content.playlists.at(kWeekGroup), "hall-main.json");
    if (!parsed.usable()) throw std::runtime_error(parsed.formattedProblems());
    return std::move(parsed.playlist);
}

std::vector<PlaylistImage> writeWeekImages(const std::filesystem::path& objects_dir, int count, unsigned seed) {
    static const int kSizes[][2] = {{1920, 1080}, {1280, 720}, {800, 450}, {1600, 900}};
    std::vector<PlaylistImage> images;
    std::filesystem::create_directories(objects_dir);
    for (int k = 0; k < count; ++k) {
        const int w = kSizes[k % 4][0], h = kSizes[k % 4][1];
        std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
        for (int y = 0; y < h; ++y) // horizontal bands, a tint per image
            for (int x = 0; x < w; ++x) {
                unsigned char* p = &rgb[(static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + x) * 3];
                const bool bar = (x / 120 + y / 90 + static_cast<int>(seed) + k) % 3 == 0;
                p[0] = static_cast<unsigned char>(bar ? 200 : 40 + (seed * 37 + k * 11) % 160);
                p[1] = static_cast<unsigned char>(bar ? 60 : 90 + (y * 100 / h));
                p[2] = static_cast<unsigned char>(bar ? 40 : 150);
            }
        const std::filesystem::path tmp = objects_dir / "incoming.png";
        if (stbi_write_png(tmp.c_str(), w, h, 3, rgb.data(), w * 3) == 0) throw std::runtime_error("cannot write png");
        const FileHash hash = sha256File(tmp);
        const std::filesystem::path dir = objects_dir / hash.hex.substr(0, 2);
        std::filesystem::create_directories(dir);
        std::filesystem::rename(tmp, dir / hash.hex);
        const std::string name = "办事流程图 " + std::to_string(seed) + "-" + std::to_string(k);
        images.push_back({name, "att/screen/bench-" + std::to_string(seed) + "-" + std::to_string(k) + ".png", hash.hex,
                          hash.bytes, "image/png"});
    }
    return images;
}

} // namespace gk::bench
