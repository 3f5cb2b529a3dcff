// PDF attachments kept offline (issue 20): over real HTTP (FaultServer on 127.0.0.1) a PDF the feed
// names with its hash is downloaded, verified and found by Content::attachmentPath; "offline":
// false keeps any attachment a QR code; a PDF past the per-file or the total limit stays a QR code
// with one line saying why while the publish is taken; a PDF that fails verification fails the
// sync as an image does; a non-boolean "offline" skips the item like any bad attachment field.
#include "fault_server.h"
#include "test_support.h"

#include "sync/feed_parser.h"
#include "sync/loader.h"
#include "sync/sha256.h"
#include "sync/store.h"
#include "sync/sync_once.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace gk;
using Catch::Matchers::Contains;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kFirstSync = 1000;
constexpr std::int64_t kLaterSync = 2000;

// A small PDF 1.4 with one empty page, padded by a comment to at least min_bytes: valid enough
// for a reader, never rendered here. Each label gives different bytes (and so a different hash).
std::string minimalPdf(const std::string& label, std::size_t min_bytes = 0) {
    std::string pdf = "%PDF-1.4\n%" + label + "\n";
    std::vector<std::size_t> offsets;
    const char* objects[] = {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                             "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"};
    for (std::size_t i = 0; i < 3; ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    if (pdf.size() < min_bytes) pdf += "%" + std::string(min_bytes - pdf.size(), 'x') + "\n";
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 4\n0000000000 65535 f \n";
    for (const std::size_t offset : offsets) {
        const std::string digits = std::to_string(offset);
        pdf += std::string(10 - digits.size(), '0') + digits + " 00000 n \n";
    }
    pdf += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

// A portal directory served over http:// and the store synced from it.
struct PdfPortal : test::SyncFixture {
    test::FaultServer server; // after the directories: stops before they are removed

    SyncRequest httpRequest(std::int64_t now) const {
        SyncRequest r = request(now);
        r.portal_url = server.baseUrl();
        r.allow_insecure_http = true;
        return r;
    }
    // A PDF attachment object for bytes placed at href (written with the feed).
    json pdf(const std::string& href, const std::string& bytes) {
        feed.binaries[href] = bytes;
        return {{"name", href},
                {"href", href},
                {"sha256", sha256Hex(bytes)},
                {"bytes", bytes.size()},
                {"type", "application/pdf"},
                {"url", "https://www.example.gov.cn/" + href}};
    }
    // Replaces the attachments of the second disclosure.
    void attach(const json& attachments) { feed.disclosures["items"][1]["attachments"] = attachments; }
    void publishAndServe() {
        feed.write(portal);
        server.serveDirectory(portal);
    }
    SyncOutcome sync(const SyncRequest& request) {
        const SyncOutcome outcome = syncOnce(request);
        INFO(outcome.error);
        REQUIRE(outcome.result == SyncResult::Changed);
        REQUIRE(outcome.content);
        return outcome;
    }
    const Attachment& attachmentOf(const Content& content, std::size_t i) const {
        const DisclosureItem* item = content.findDisclosure("hbx-2018-0004");
        REQUIRE(item);
        REQUIRE(item->attachments.size() > i);
        return item->attachments[i];
    }
};

std::uint64_t imageBytesOf(const test::TestFeed& feed) {
    std::uint64_t total = 0;
    for (const auto& [href, bytes] : feed.binaries)
        if (href.size() > 4 && href.compare(href.size() - 4, 4, ".png") == 0) total += bytes.size();
    return total;
}

} // namespace

TEST_CASE("pdf: a PDF attachment is downloaded, verified and found by attachmentPath", "[pdf-attachments][http]") {
    PdfPortal p;
    const std::string bytes = minimalPdf("plan");
    p.attach(json::array({p.pdf("att/b2/plan.pdf", bytes)}));
    p.feed.disclosures["items"][1]["body_html"] = R"(<p>预算表见附件。</p><img src="att/b2/plan.pdf" alt="预算表">)";
    p.publishAndServe();
    const SyncOutcome outcome = p.sync(p.httpRequest(kFirstSync));
    CHECK(outcome.pdfs_fetched == 1);
    // Downloaded, but never an image of the body: its file must not be drawn as a picture.
    const DisclosureItem* item = outcome.content->findDisclosure("hbx-2018-0004");
    REQUIRE(item);
    CHECK(std::none_of(item->body.blocks.begin(), item->body.blocks.end(),
                       [](const Block& block) { return block.image_href == "att/b2/plan.pdf"; }));
    CHECK(outcome.qr_only.empty());
    CHECK(p.server.requests("/att/b2/plan.pdf") == 1);
    const Attachment& attachment = p.attachmentOf(*outcome.content, 0);
    const fs::path path = outcome.content->attachmentPath(attachment);
    REQUIRE_FALSE(path.empty());
    CHECK(test::readFile(path) == bytes);
    CHECK(path == p.store("objects") / attachment.sha256.substr(0, 2) / attachment.sha256);
    // Loaded again from the store (as the screens do after a restart), the file is still found.
    std::string error;
    const auto loaded = loadCurrentContent(p.data, error);
    REQUIRE(loaded);
    CHECK(loaded->attachmentPath(p.attachmentOf(*loaded, 0)) == path);
    const auto meta = readGenerationMeta(p.store("generations") / outcome.generation);
    REQUIRE(meta);
    CHECK(std::count(meta->objects.begin(), meta->objects.end(), attachment.sha256) == 1);

    SECTION("the next publish reuses it from objects/ without fetching it again") {
        p.feed.notices["items"][1]["title"] = "欢迎光临";
        p.publishAndServe();
        const SyncOutcome next = p.sync(p.httpRequest(kLaterSync));
        CHECK(next.pdfs_fetched == 0);
        CHECK(next.pdfs_reused == 1);
        CHECK(p.server.requests("/att/b2/plan.pdf") == 1);
    }
    SECTION("once no kept generation names it, garbage collection removes it like an image") {
        p.attach(json::array());
        p.publishAndServe();
        p.sync(p.httpRequest(kLaterSync)); // the previous generation (with the PDF) is still kept
        CHECK(fs::exists(path));
        p.feed.notices["items"][1]["title"] = "欢迎光临";
        p.publishAndServe();
        p.sync(p.httpRequest(kLaterSync + 1));
        CHECK_FALSE(fs::exists(path));
    }
}

TEST_CASE("pdf: an attachment marked offline false is never downloaded", "[pdf-attachments][http]") {
    PdfPortal p;
    json pdf = p.pdf("att/b2/plan.pdf", minimalPdf("plan"));
    pdf["offline"] = false;
    json image = p.feed.image("att/b2/chart.png", test::kLogoPng + "chart");
    image["offline"] = false;
    p.attach(json::array({pdf, image}));
    p.publishAndServe();
    const SyncOutcome outcome = p.sync(p.httpRequest(kFirstSync));
    CHECK(p.server.requests("/att/b2/plan.pdf") == 0);
    CHECK(p.server.requests("/att/b2/chart.png") == 0);
    CHECK(outcome.pdfs_fetched == 0);
    CHECK(outcome.qr_only.empty()); // the feed's choice, not a limit
    const Attachment& kept_pdf = p.attachmentOf(*outcome.content, 0);
    CHECK_FALSE(kept_pdf.offline);
    CHECK(outcome.content->attachmentPath(kept_pdf).empty());
    CHECK(outcome.content->attachmentPath(p.attachmentOf(*outcome.content, 1)).empty());
    CHECK(outcome.content->attachmentUrl(kept_pdf) == "https://www.example.gov.cn/att/b2/plan.pdf");
}

TEST_CASE("pdf: a PDF over the per-file limit stays a QR code and the publish lands", "[pdf-attachments][http]") {
    PdfPortal p;
    const std::string small = minimalPdf("small");
    const std::string large = minimalPdf("large", 4096);
    p.attach(json::array({p.pdf("att/b2/large.pdf", large), p.pdf("att/b2/small.pdf", small)}));
    p.publishAndServe();
    SyncRequest request = p.httpRequest(kFirstSync);
    request.limits.pdf_file_bytes = 2048;
    const SyncOutcome outcome = p.sync(request);
    CHECK(p.server.requests("/att/b2/large.pdf") == 0);
    CHECK(p.server.requests("/att/b2/small.pdf") == 1);
    CHECK(outcome.pdfs_fetched == 1);
    CHECK(outcome.content->attachmentPath(p.attachmentOf(*outcome.content, 0)).empty());
    CHECK_FALSE(outcome.content->attachmentPath(p.attachmentOf(*outcome.content, 1)).empty());
    REQUIRE(outcome.qr_only.size() == 1);
    CHECK(outcome.qr_only[0] ==
          "att/b2/large.pdf: not downloaded, offered by QR code only: " + std::to_string(large.size()) +
              " bytes is more than the per-file limit of 2048 bytes (attachments.max_file_mib)");
    CHECK(readCurrentGeneration(StorePaths(p.data)) == outcome.generation);
    CHECK(readStoreState(p.data).last_error.empty());
}

TEST_CASE("pdf: the total limit stops further downloads, images counted first", "[pdf-attachments][http]") {
    PdfPortal p;
    const std::string first = minimalPdf("first", 1000);
    const std::string second = minimalPdf("second", 1000);
    const std::string third = minimalPdf("third", 1000);
    p.attach(json::array(
        {p.pdf("att/b2/first.pdf", first), p.pdf("att/b2/second.pdf", second), p.pdf("att/b2/third.pdf", third)}));
    p.publishAndServe();
    SyncRequest request = p.httpRequest(kFirstSync);
    // Room for the images and one and a half PDFs: the first PDF fits, the others do not.
    request.limits.attachments_total_bytes = imageBytesOf(p.feed) + first.size() + first.size() / 2;
    const SyncOutcome outcome = p.sync(request);
    CHECK(outcome.images_fetched == 2); // images are never held back by the PDF limits
    CHECK(outcome.pdfs_fetched == 1);
    CHECK(p.server.requests("/att/b2/first.pdf") == 1);
    CHECK(p.server.requests("/att/b2/second.pdf") == 0);
    CHECK(p.server.requests("/att/b2/third.pdf") == 0);
    REQUIRE(outcome.qr_only.size() == 2);
    CHECK_THAT(outcome.qr_only[0], Contains("att/b2/second.pdf: not downloaded, offered by QR code only: it would "
                                            "take the publish's downloaded attachments to") &&
                                       Contains("(attachments.max_total_mib)"));
    CHECK_THAT(outcome.qr_only[1], Contains("att/b2/third.pdf: "));
    CHECK_FALSE(outcome.content->attachmentPath(p.attachmentOf(*outcome.content, 0)).empty());
    CHECK(outcome.content->attachmentPath(p.attachmentOf(*outcome.content, 1)).empty());
}

TEST_CASE("pdf: a PDF that fails verification fails the sync as an image does", "[pdf-attachments][http]") {
    PdfPortal p;
    p.publishAndServe();
    const SyncOutcome good = p.sync(p.httpRequest(kFirstSync));
    const std::string bytes = minimalPdf("plan");
    json pdf = p.pdf("att/b2/plan.pdf", bytes);
    std::string expected;
    SECTION("wrong hash") {
        pdf["sha256"] = sha256Hex("other bytes");
        expected = "att/b2/plan.pdf: sha256 mismatch (expected " + shortHash(sha256Hex("other bytes")) + ", got " +
                   shortHash(sha256Hex(bytes)) + ")";
    }
    SECTION("wrong size") {
        pdf["bytes"] = bytes.size() + 10;
        expected = "att/b2/plan.pdf: size mismatch (expected " + std::to_string(bytes.size() + 10) + " bytes, got " +
                   std::to_string(bytes.size()) + " bytes)";
    }
    SECTION("missing on the portal (HTTP 404)") {
        p.feed.binaries.erase("att/b2/plan.pdf");
        expected = "att/b2/plan.pdf: HTTP 404";
    }
    p.attach(json::array({pdf}));
    p.feed.write(p.portal);
    if (p.feed.binaries.count("att/b2/plan.pdf") == 0) fs::remove(p.portal / "att/b2/plan.pdf");
    p.server.serveDirectory(p.portal);
    const SyncOutcome outcome = syncOnce(p.httpRequest(kLaterSync));
    INFO(outcome.error);
    CHECK(outcome.result == SyncResult::Failed);
    CHECK_THAT(outcome.error, Contains(expected));
    CHECK(outcome.qr_only.empty());
    CHECK(readCurrentGeneration(StorePaths(p.data)) == good.generation); // the previous publish stays
    CHECK(readStoreState(p.data).last_error == outcome.error);
    CHECK(p.stagingEmpty());
    std::error_code ec;
    CHECK_FALSE(fs::exists(p.store("objects") / sha256Hex(bytes).substr(0, 2) / sha256Hex(bytes), ec));
}

TEST_CASE("pdf: a non-boolean offline skips the item like any bad attachment field", "[pdf-attachments][http]") {
    PdfPortal p;
    json pdf = p.pdf("att/b2/plan.pdf", minimalPdf("plan"));
    pdf["offline"] = "no";
    p.attach(json::array({pdf}));
    p.publishAndServe();
    const SyncOutcome outcome = p.sync(p.httpRequest(kFirstSync));
    CHECK(outcome.content->findDisclosure("hbx-2018-0004") == nullptr);
    CHECK(outcome.content->findDisclosure("hbx-2018-0003") != nullptr);
    const auto skipped = std::find_if(outcome.content->skipped.begin(), outcome.content->skipped.end(),
                                      [](const SkippedItem& s) { return s.id == "hbx-2018-0004"; });
    REQUIRE(skipped != outcome.content->skipped.end());
    CHECK(skipped->collection == "disclosures");
    CHECK_THAT(skipped->reason, Contains("attachments[0].offline is not true or false"));
    CHECK(p.server.requests("/att/b2/plan.pdf") == 0);
}

TEST_CASE("pdf: pdfAttachments takes PDFs with a hash, not offline false, once per hash", "[pdf-attachments]") {
    Content content;
    Attachment plan{"plan.pdf", "att/plan.pdf", sha256Hex("a"), 1, "Application/PDF; charset=binary", ""};
    Attachment again = plan;
    again.href = "att/again.pdf";
    Attachment unhashed{"x.pdf", "att/x.pdf", "", 0, "application/pdf", "https://example.gov.cn/x.pdf"};
    Attachment online = plan;
    online.sha256 = sha256Hex("b");
    online.offline = false;
    Attachment word{"a.docx", "att/a.docx", sha256Hex("c"), 1, "application/msword", ""};
    DisclosureItem item;
    item.id = "d";
    item.title = "t";
    item.attachments = {plan, again, unhashed, online, word};
    content.disclosures.push_back(item);
    const std::vector<Attachment> pdfs = pdfAttachments(content);
    REQUIRE(pdfs.size() == 1);
    CHECK(pdfs[0].href == "att/plan.pdf");
    CHECK(imageAttachments(content).empty());
}

TEST_CASE("pdf: a PDF that would leave too little free disk stays a QR code", "[pdf-attachments][http]") {
    PdfPortal p;
    const std::string big = minimalPdf("big", 100 * 1024);
    const std::string small = minimalPdf("small");
    p.attach(json::array({p.pdf("att/b2/big.pdf", big), p.pdf("att/b2/small.pdf", small)}));
    p.publishAndServe();
    SyncRequest request = p.httpRequest(kFirstSync);
    request.limits.disk_reserve_bytes = 0;
    // Room for the collections, the images and the small PDF, not for the big one.
    request.disk_available = [](const fs::path&) -> std::uint64_t { return 64 * 1024; };
    const SyncOutcome outcome = p.sync(request);
    CHECK(p.server.requests("/att/b2/big.pdf") == 0);
    CHECK(outcome.pdfs_fetched == 1);
    REQUIRE(outcome.qr_only.size() == 1);
    CHECK_THAT(outcome.qr_only[0],
               Contains("att/b2/big.pdf: not downloaded, offered by QR code only: not enough disk space"));
}
