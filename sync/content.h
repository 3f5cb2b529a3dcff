// The content model: one verified publish of the portal feed (portal-feed-v1), immutable once
// loaded. Owned by sync/; read by display/ and kiosk/. Must not include SDL, ImGui, GL or curl.
#pragma once

#include "sync/html_blocks.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gk {

struct ContentRef; // config/playlist.h: a playlist's "notice:n-2026-031", as kind and id

struct Attachment {
    std::string name;
    std::string href;   // relative to the manifest, already checked safe
    std::string sha256; // lowercase hex
    std::uint64_t bytes = 0;
    std::string type; // MIME type
    std::string url;  // where a phone can open it; may be empty (then base URL + href)
    // "offline": false in the feed: never downloaded, offered by QR code only (any type).
    bool offline = true;
};

struct Site {
    std::string name;
    std::string portal_url;
    std::string mobile_url;
    std::string hotline;
    std::string disclosure_guide_url;
    std::string apply_url;
};

struct Category {
    std::string code;
    std::string name;
    std::vector<Category> children;
};

struct DisclosureItem {
    std::string id;
    std::string index_no; // 索引号
    std::string title;
    std::string category;       // catalog code, may be unknown
    std::string publisher;      // 发布机构
    std::string doc_no;         // 文号
    std::string written_date;   // 成文日期 YYYY-MM-DD
    std::string published_date; // 发布日期
    std::string effective_date;
    std::string expiry_date;
    std::string validity; // 有效性
    std::vector<std::string> keywords;
    std::string summary;
    BodyDocument body; // body_html as blocks, read once when the publish is read (images: attachments)
    std::vector<Attachment> attachments;
    std::vector<std::string> related; // refs such as "disclosure:hbx-2018-0004"
    std::string url;
    std::string mobile_url;
    std::string updated_at;
};

struct GuideMaterial {
    std::string name;
    std::string form; // 原件 / 复印件 / 原件及复印件
    int copies = 0;   // 0 when not stated
    bool required = true;
    std::string source;
    std::string note;
    std::optional<Attachment> template_file;
};

struct GuideStep {
    std::string name;
    std::string description;
    std::optional<int> days;
};

struct GuideFee {
    std::string name;
    std::string amount;
    std::string basis;
};

struct QuestionAnswer {
    std::string q;
    std::string a;
};

struct ServiceGuide {
    std::string id;
    std::string code; // 事项编码
    std::string name;
    std::string kind;       // 事项类型
    std::string department; // 实施主体
    std::string basis;      // 设定依据
    std::string conditions; // 受理条件
    std::string handling;   // 即办件 / 承诺件
    std::vector<GuideMaterial> materials;
    std::vector<GuideStep> steps;
    std::optional<int> legal_days;
    std::optional<int> promised_days;
    std::optional<int> visits;
    std::optional<bool> online;
    std::vector<GuideFee> fees;
    std::string fee_note;
    std::string location;
    std::string hours;
    std::string consult_phone;
    std::string complaint_phone;
    std::string online_url;
    std::string mobile_url;
    std::vector<QuestionAnswer> faq;
    std::string updated_at;
};

enum class NoticeLevel { Normal, Important, Urgent };

// A notice's standing at one moment: before valid_from it is not yet in force (未生效), from
// valid_until on it has expired (已过期). Screens say which; only a Valid notice is scheduled.
enum class Validity { NotYet, Valid, Expired };

struct Notice {
    std::string id;
    std::string title;
    BodyDocument body; // body_html as blocks, read once when the publish is read (image: the notice's)
    NoticeLevel level = NoticeLevel::Normal;
    std::string publisher;
    std::string published_date;
    std::optional<std::int64_t> valid_from;  // Unix seconds; absent = no lower bound
    std::optional<std::int64_t> valid_until; // Unix seconds, exclusive; absent = open-ended
    std::optional<Attachment> image;
    std::string mobile_url;
    std::string updated_at;

    Validity validityAt(std::int64_t epoch_s) const {
        if (valid_from && epoch_s < *valid_from) return Validity::NotYet;
        if (valid_until && epoch_s >= *valid_until) return Validity::Expired;
        return Validity::Valid;
    }
    bool validAt(std::int64_t epoch_s) const { return validityAt(epoch_s) == Validity::Valid; }
};

// An item the feed carried but we could not use, with the reason shown in status.
struct SkippedItem {
    std::string collection; // "disclosures", "guides", "notices", "catalog", "playlists"
    std::string id;         // may be empty when the id itself was the problem
    std::string reason;
};

struct Content {
    std::string generation;   // stable id of this publish in the local store
    std::string generated_at; // from the manifest
    std::string base_url;     // the portal base URL the publish came from
    Site site;
    std::vector<Category> catalog;
    std::vector<DisclosureItem> disclosures;
    std::vector<ServiceGuide> guides;
    std::vector<Notice> notices;
    // screen group -> playlist JSON text exactly as published (parsed by config/playlist).
    std::map<std::string, std::string> playlists;
    std::vector<SkippedItem> skipped;
    std::filesystem::path objects_dir; // content-addressed attachment files: <dir>/<aa>/<sha256>

    const DisclosureItem* findDisclosure(const std::string& id) const;
    const ServiceGuide* findGuide(const std::string& id) const;
    const Notice* findNotice(const std::string& id) const;
    // Local path of a downloaded, verified attachment (images, and PDFs and videos within their
    // limits), or empty when absent.
    std::filesystem::path attachmentPath(const Attachment& a) const;
    // Where a phone can open the attachment: its url, or base URL + href.
    std::string attachmentUrl(const Attachment& a) const;

    // Added by sync/ (not model data): id -> position in the vectors above, filled by the feed
    // parser when the content is loaded. When empty or stale (a hand-built Content in a test),
    // the find functions fall back to a linear scan, so they are always correct.
    std::map<std::string, std::size_t> disclosure_index;
    std::map<std::string, std::size_t> guide_index;
    std::map<std::string, std::size_t> notice_index;
    // Added by sync/: the playlists' videos the sync did not download, sha256 -> why ("video over
    // the 500 MiB per-file cap (video.max_file_mib): …"), kept with the generation. The screen skips
    // their items with this reason; `status` and `playlist check` report it.
    std::map<std::string, std::string> videos_not_downloaded{};
};

// Whether a playlist ref names a notice, guide or disclosure in this publish (an item the sync
// skipped is not in it). The screen's scheduler and every check of a playlist (`playlist check`
// and `plan`, the local playlist, the staff panel) ask this one question, so that what they
// report about a ref is what the screen does with it.
bool resolves(const Content& content, const ContentRef& ref);

} // namespace gk
