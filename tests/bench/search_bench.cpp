// Search benchmark: loads a store (e.g. the 10,000-item generated feed), times loading the search
// resources (OpenCC table, Rime dictionary) and building the index with the RSS each adds, then
// replays typing ~20 realistic queries one character at a time (Chinese, traditional, 文号,
// 索引号, pinyin initials, a rare character, misses) and prints the latency per keystroke. A
// program that prints figures, not a test.
// Usage: search_bench DATA_DIR [--rounds N] [--pinyin-dict FILE]
#include "bench_clock.h"
#include "sync/loader.h"
#include "sync/search/search_index.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace gk;
using gk::bench::wallMs;

namespace {

// What visitors and staff type: words, whole titles, traditional characters, 文号 with and
// without brackets, 索引号, pinyin initials, a rare name character, and things that are not there.
const std::vector<std::string> kQueries = {
    "高龄老人津贴",
    "城乡居民基本养老保险",
    "临时救助",
    "便民服务中心",
    "安全生产",
    "養老保險",
    "醫療保險",
    "青政文〔2026〕2号",
    "青溪政发2024 1号",
    "青政综(2026)1号",
    "11350431618892106G/2018",
    "gljt",
    "cxjmjbylbx",
    "zfxxgk",
    "lsjz",
    "𠮷永福",
    "乡村振兴工作领导小组",
    "不存在的事项名称",
    "xyzq",
    "12345政务服务便民热线",
};

double residentMiB() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            double kib = 0;
            status >> kib;
            return kib / 1024.0;
        }
        status.ignore(4096, '\n');
    }
    return 0;
}

// The prefixes a visitor's typing produces, one code point at a time.
std::vector<std::string> keystrokes(const std::string& query) {
    std::vector<std::string> prefixes;
    for (std::size_t pos = 0; pos < query.size();) {
        pos += readUtf8Char(query, pos).bytes;
        prefixes.push_back(query.substr(0, pos));
    }
    return prefixes;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const std::size_t i = std::min(values.size() - 1, static_cast<std::size_t>(p * static_cast<double>(values.size())));
    return values[i];
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) return std::puts("usage: search_bench DATA_DIR [--rounds N] [--pinyin-dict FILE]"), 2;
    int rounds = 5;
    SearchSetup setup;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--rounds") rounds = std::max(1, std::atoi(argv[i + 1]));
        if (option == "--pinyin-dict") setup.pinyin_dict = argv[i + 1];
    }
    std::string error;
    double t = wallMs();
    const std::shared_ptr<const Content> content = loadCurrentContent(argv[1], error);
    if (!content) return std::printf("no content in %s: %s\n", argv[1], error.c_str()), 1;
    std::printf("content: %zu disclosures, %zu guides, %zu notices (load + verify %.0f ms)\n",
                content->disclosures.size(), content->guides.size(), content->notices.size(), wallMs() - t);

    double rss = residentMiB();
    t = wallMs();
    const SearchResources resources = loadSearchResources(setup);
    std::printf("search resources (OpenCC t2s table, Rime dictionary + essay): %.0f ms, RSS +%.1f MiB, %zu characters, "
                "%zu phrases\n",
                wallMs() - t, residentMiB() - rss, resources.initials ? resources.initials->characterCount() : 0,
                resources.initials ? resources.initials->phraseCount() : 0);
    for (const std::string& note : resources.notes) std::printf("  note: %s\n", note.c_str());

    rss = residentMiB();
    t = wallMs();
    const SearchIndex index(content, resources);
    std::printf("index build: %.0f ms, RSS +%.1f MiB (index holds %.1f MiB), %zu items; RSS now %.1f MiB\n",
                wallMs() - t, residentMiB() - rss, static_cast<double>(index.memoryBytes()) / (1024.0 * 1024.0),
                index.itemCount(), residentMiB());

    std::vector<double> all;
    std::printf("\n%-28s %5s %7s %9s %9s\n", "query (typed char by char)", "keys", "results", "median ms", "max ms");
    for (const std::string& query : kQueries) {
        std::vector<double> per_query;
        std::size_t total = 0;
        for (int round = 0; round < rounds; ++round) {
            for (const std::string& prefix : keystrokes(query)) {
                const double start = wallMs();
                const SearchResults results = index.search(prefix, kDefaultSearchLimit);
                per_query.push_back(wallMs() - start);
                total = results.total;
            }
        }
        all.insert(all.end(), per_query.begin(), per_query.end());
        std::printf("%-28s %5zu %7zu %9.2f %9.2f\n", query.c_str(), keystrokes(query).size(), total,
                    percentile(per_query, 0.5), *std::max_element(per_query.begin(), per_query.end()));
    }
    std::printf(
        "\nper keystroke over %zu searches (%d rounds): median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
        all.size(), rounds, percentile(all, 0.5), percentile(all, 0.9), percentile(all, 0.99),
        *std::max_element(all.begin(), all.end()));
    return 0;
}
