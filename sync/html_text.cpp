// HTML to plain text for cards, built on htmlToBlocks. See html_text.h.
#include "sync/html_text.h"

#include "sync/html_blocks.h"

#include <algorithm>

namespace gk {
namespace {

// Appends the non-empty lines of `text`, each ending in '\n'.
void appendLines(std::string& out, std::string_view text) {
    while (!text.empty()) {
        const size_t end = std::min(text.find('\n'), text.size());
        if (end > 0) out.append(text.substr(0, end)) += '\n';
        text.remove_prefix(std::min(end + 1, text.size()));
    }
}

} // namespace

std::string htmlToPlainText(std::string_view html) {
    return plainText(htmlToBlocks(html, [](std::string_view) { return false; }));
}

std::string tableRowText(const std::vector<TableCell>& row) {
    std::string line;
    for (const TableCell& cell : row) {
        if (cell.text.empty()) continue;
        if (!line.empty()) line += ' ';
        line += cell.text;
    }
    return line;
}

std::string plainText(const BodyDocument& doc) {
    std::string out;
    for (const Block& block : doc.blocks) {
        if (block.kind != BlockKind::Table) {
            if (block.kind != BlockKind::Image) appendLines(out, block.text); // an image is not text
            continue;
        }
        for (const std::vector<TableCell>& row : block.rows) appendLines(out, tableRowText(row));
    }
    if (!out.empty()) out.pop_back();
    return out;
}

} // namespace gk
