// `gongkai-kiosk feed check DIR|URL`: a published feed read exactly as a kiosk reads it — the same
// fetcher (sync/fetcher.h, so http(s), file:// and directories alike), the same manifest and
// collection parsers and limits (sync/manifest.h, sync/feed_parser.h), the same playlist rules
// (kiosk/playlist/playlist_validation.h) and the same signature check (sync/feed_signature.h) —
// but reporting every problem instead of stopping at the first. No SDL, ImGui, GL or curl.
#pragma once

#include "config/problem.h"
#include "sync/fetcher.h"
#include "sync/limits.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gk {

struct FeedCheckOptions {
    FeedLimits limits;
    bool allow_insecure_http = false;
    TlsTrust tls;
    // Keys to check manifest.json.sig with ("ed25519:…"). When given, a missing or bad signature is
    // an error, as on a device that lists them; without keys a .sig present is only parsed.
    std::vector<std::string> public_keys;
    // An earlier publish of the same feed (DIR or URL), for the validator-change rule of
    // docs/portal-feed.md; empty: not checked.
    std::string previous;
    std::int64_t now_s = 0; // playlists are checked as of this moment (expired notices, schedules)
    int utc_offset_s = 8 * 3600;
};

struct FeedCheckProblem {
    std::string file; // "disclosures.json", "playlists/hall-main.json", "att/xxgk/a.pdf"
    Problem problem;
};

struct FeedCheckResult {
    bool readable = false;
    std::string unreadable; // why, when !readable: the manifest could not be fetched or is not JSON
    std::vector<FeedCheckProblem> problems;
    bool playlist_skips = false; // a playlist has entries a screen skips (as `playlist check`, a problem)
    std::size_t files_checked = 0;

    bool valid() const; // readable, no error, no skipped playlist entry
    // One "FILE: path: message" line per problem (config/problem.h formatProblem), errors first.
    std::string lines() const;
};

// where: a directory, a manifest URL or a base URL (https://, http:// with allow_insecure_http,
// file://). Never throws.
FeedCheckResult checkFeed(const std::string& where, const FeedCheckOptions& options);

// "file:///abs/dir/" for a directory argument ("file:///abs/dir/manifest.json" for the manifest
// file itself), the argument itself (with a '/' added to a base URL) for a URL: what the kiosk
// makes of its --portal.
std::string feedUrlFromArgument(const std::string& argument);

} // namespace gk
