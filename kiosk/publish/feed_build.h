// `gongkai-kiosk feed build`: a complete gongkai-feed/1 publish made from what a county office
// keeps — 公开目录.csv/.xlsx, 通知公告.csv, the 办事指南/ text files, 目录.csv or the 分类 paths,
// 站点.txt, playlists/*.json and the files they name — checked with the kiosk's own parsers and
// playlist rules, written deterministically and swapped into place atomically. The input format
// and every error are described in docs/publishing.md. No SDL, GL or curl.
#pragma once

#include "config/problem.h"
#include "sync/limits.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace gk {

struct FeedBuildOptions {
    std::filesystem::path from; // the office's folder
    std::filesystem::path out;  // what the web server serves; replaced whole
    // The manifest's generated_at (ISO-8601). Empty: the current time at +08:00, so then only the
    // manifest differs between two builds of the same input.
    std::string generated_at;
    bool keep_going = false; // skip rows with errors (and say so) instead of writing nothing
    FeedLimits limits;       // the kiosk's limits: what the built feed must fit
    // Called with the staged publish after its manifest is written and before it is swapped into
    // place (e.g. to write manifest.json.sig beside the manifest), so the signature is published
    // in the same swap. false with error stops the build; nothing is replaced.
    std::function<bool(const std::filesystem::path& staged, std::string& error)> before_swap;
};

struct FeedBuildResult {
    // Every problem; path is "FILE:ROW:列名" ("公开目录.csv:14:发布日期"), or "FILE" for a whole file.
    std::vector<Problem> problems;
    std::size_t disclosures = 0;
    std::size_t notices = 0;
    std::size_t guides = 0;
    std::size_t attachments = 0; // distinct files under att/
    std::size_t playlists = 0;
    std::size_t skipped_rows = 0; // rows and guide files left out under keep_going
    bool written = false;         // out now holds the new publish
};

FeedBuildResult buildFeed(const FeedBuildOptions& options);

// "公开目录.csv:14:发布日期: \"2026-13-01\" is not a date" (warnings end in " (warning)").
std::string formatBuildProblem(const Problem& problem);

} // namespace gk
