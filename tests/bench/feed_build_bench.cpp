// `feed build` benchmark (issue 19): makes an office folder with a 50,000-row 公开目录.csv of
// realistic Chinese metadata, a .txt body per row and a few shared attachments, then runs the real
// program's `feed build` on it as a child process and prints its wall time and peak RSS (the
// child's ru_maxrss from wait4). Goal on the 2-core build machine: under 10 s and 300 MB. A
// program that prints figures, not a test.
// Usage: feed_build_bench [--kiosk PATH/TO/gongkai-kiosk] [--rows N] [--work DIR] [--keep] [--reuse]
// (--reuse: build the office folder a run with --keep left, without generating it again)
#include "bench_args.h"
#include "bench_clock.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using gk::bench::argAfter;
using gk::bench::hasFlag;

namespace {

const std::vector<std::string> kTowns = {"白沙镇", "溪口乡", "上坪镇", "龙门镇", "桂林乡", "城关镇"};
const std::vector<std::string> kTopics = {"安全生产", "高龄津贴", "城乡居民医疗保险", "农村宅基地", "防汛抗旱",
                                          "义务教育", "公共卫生", "财政预算",         "乡村振兴",   "人居环境整治"};
const std::vector<std::string> kKinds = {"工作方案", "实施意见", "通知", "公告", "情况报告", "管理办法"};
const std::vector<std::string> kCategories = {"机构职能/领导信息",     "政策文件/规范性文件", "政策文件/其他文件",
                                              "规划计划/年度计划",     "财政资金/预算",       "财政资金/决算",
                                              "重大建设项目/项目实施", "社会救助/低保",       "公共服务/教育"};
const std::vector<std::string> kSentences = {
    "为深入贯彻落实县委、县政府决策部署，切实保障人民群众生命财产安全，结合本镇实际，制定本方案。",
    "各村（居）委会、镇直各单位要高度重视，明确责任分工，确保各项工作落到实处。",
    "对排查发现的问题建立台账，实行销号管理，重大隐患挂牌督办。",
    "群众可拨打镇便民服务中心电话0598-3627105咨询，或通过12345政务服务便民热线反映。",
    "本通知自发布之日起施行，由镇人民政府负责解释。",
};

std::string csvCell(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void makeOffice(const fs::path& dir, int rows) {
    fs::remove_all(dir);
    fs::create_directories(dir / "正文");
    fs::create_directories(dir / "附件");
    std::mt19937 rng(20261127);
    const auto pick = [&rng](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
    for (int i = 0; i < 20; ++i) { // shared attachments: each is hashed and copied once
        std::ofstream(dir / "附件" / ("附件" + std::to_string(i) + ".pdf"), std::ios::binary)
            << "%PDF-1.4\n"
            << std::string(20000 + i * 1000, 'x') << "\n%%EOF\n";
    }
    std::ofstream csv(dir / "公开目录.csv", std::ios::binary);
    csv << "索引号,标题,文号,发布机构,成文日期,发布日期,分类,有效性,主题词,摘要,正文,附件,手机链接\n";
    for (int i = 0; i < rows; ++i) {
        const std::string town = pick(kTowns);
        const std::string topic = pick(kTopics);
        const int year = 2016 + i % 11;
        const int month = 1 + (i / 11) % 12;
        const int day = 1 + (i / 7) % 28;
        char date[32];
        std::snprintf(date, sizeof date, "%d年%d月%d日", year, month, day);
        char index_no[64];
        std::snprintf(index_no, sizeof index_no, "11350431004428613K/%d-%05d", year, i);
        const std::string title = town + "关于" + std::to_string(year) + "年" + topic + pick(kKinds);
        const std::string body_name = "正文/" + std::to_string(i) + ".txt";
        std::ofstream body(dir / body_name, std::ios::binary);
        for (int p = 0; p < 2; ++p) body << "　　" << pick(kSentences) << "\n";
        csv << index_no << "," << csvCell(title) << ",白政〔" << year << "〕" << (i % 300) << "号,青溪县" << town
            << "人民政府," << date << "," << date << "," << pick(kCategories) << ",有效," << topic << "；" << town
            << "," << csvCell(topic + "有关事项，" + pick(kSentences)) << "," << body_name << ","
            << (i % 10 == 0 ? "附件/附件" + std::to_string(i % 20) + ".pdf" : std::string()) << ","
            << "https://m.qingxi.example.gov.cn/xxgk/" << i << "\n";
    }
}

} // namespace

int main(int argc, char** argv) {
    const std::string kiosk = argAfter(argc, argv, "--kiosk", GONGKAI_KIOSK_BIN);
    const int rows = std::stoi(argAfter(argc, argv, "--rows", "50000"));
    const fs::path work = argAfter(argc, argv, "--work", (fs::temp_directory_path() / "feed-build-bench").c_str());
    const fs::path in = work / "office";
    const fs::path out = work / "feed";

    double t0 = gk::bench::wallMs();
    if (!hasFlag(argc, argv, "--reuse") || !fs::exists(in / "公开目录.csv")) makeOffice(in, rows);
    std::printf("generated %d rows in %.0f ms (%s, %.1f MiB sheet)\n", rows, gk::bench::wallMs() - t0, in.c_str(),
                static_cast<double>(fs::file_size(in / "公开目录.csv")) / 1048576.0);

    for (int run = 1; run <= 2; ++run) { // the second run replaces the first publish
        t0 = gk::bench::wallMs();
        const pid_t pid = fork();
        if (pid == 0) {
            const int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, STDOUT_FILENO);
            execl(kiosk.c_str(), kiosk.c_str(), "feed", "build", "--from", in.c_str(), "--out", out.c_str(),
                  "--generated-at", "2026-11-27T08:00:00+08:00", static_cast<char*>(nullptr));
            _exit(127);
        }
        int status = 0;
        rusage usage{};
        wait4(pid, &status, 0, &usage);
        const double ms = gk::bench::wallMs() - t0;
        const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        std::printf("feed build run %d: %s, %.2f s wall, %.2f s user, %.2f s sys, peak RSS %.1f MiB "
                    "(disclosures.json %.1f MiB)\n",
                    run, ok ? "ok" : "FAILED", ms / 1000.0,
                    static_cast<double>(usage.ru_utime.tv_sec) + static_cast<double>(usage.ru_utime.tv_usec) / 1e6,
                    static_cast<double>(usage.ru_stime.tv_sec) + static_cast<double>(usage.ru_stime.tv_usec) / 1e6,
                    static_cast<double>(usage.ru_maxrss) / 1024.0,
                    ok ? static_cast<double>(fs::file_size(out / "disclosures.json")) / 1048576.0 : 0.0);
        if (!ok) return 1;
    }
    if (!hasFlag(argc, argv, "--keep")) fs::remove_all(work);
    return 0;
}
