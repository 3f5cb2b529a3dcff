// Lays out kiosk pages: wrapped paragraphs with the Chinese line-breaking rules, headings,
// label/value tables, bordered tables with wrapped cells, list items, tap-target rows and tiles,
// QR codes and images, top to bottom into a Page. Measuring uses the fonts; nothing is drawn.
// Must not include SDL, GL or curl.
#pragma once

#include "display/kiosk/kiosk_style.h"
#include "display/kiosk/page.h"
#include "sync/html_blocks.h"

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gk {

struct TableCellText {
    std::string text;
    bool header = false;
    int colspan = 1;
    int column = -1; // grid column where the cell starts (after cells spanning down from above); -1 = next
};
using TableRowText = std::vector<TableCellText>;

enum class TextRole { Body, Small, Heading, Title, Muted };

class PageBuilder {
public:
    PageBuilder(const KioskStyle& style, float width);

    float y() const { return m_y; }
    float width() const { return m_page.width; }
    const KioskStyle& style() const { return m_style; }
    void space(float px) { m_y += px; }
    void gap() { m_y += m_style.px(m_style.gap); }

    // Every text is shown with its punctuation normalised for Chinese (normalizeCjkPunctuation): this
    // is the one place all page and card text passes on its way to the screen, and a page is laid
    // out once per content, so it costs nothing per frame. The content itself keeps the portal's text.
    // Wrapped text across the page (from x = indent); advances y. Returns the height used.
    float text(std::string_view text, TextRole role = TextRole::Body, float indent = 0, ImU32 colour = 0);
    // Wrapped text in a box at (x, y) of the page, without moving the cursor. Returns the height.
    float textAt(ImVec2 pos, float width, std::string_view text, TextRole role, ImU32 colour = 0);
    // The same, with the bytes [mark_start, mark_start + mark_length) of text on a highlight (the
    // style's mark colour), across line breaks: where a search matched. The range is of `text` as
    // given (as searched); it is moved to where those bytes are in the normalised text. With
    // max_lines > 0, a text of more lines is cut there, its last line ending with "…"; when that
    // would cut the mark off, the text shown starts a few characters before the mark, after "…".
    float markedTextAt(ImVec2 pos, float width, std::string_view text, TextRole role, std::size_t mark_start,
                       std::size_t mark_length, int max_lines = 0);
    // A section heading with a rule under it.
    void heading(std::string_view text);
    // "label  value" rows in two aligned columns; rows with an empty value are left out.
    void fields(const std::vector<std::pair<std::string, std::string>>& rows);
    // A bordered table; column widths follow the content; cells wrap; header cells shaded. Where it
    // lies and which leading rows are its header go into the page's `tables` (a paging card
    // repeats the header on each page the table continues on).
    void table(const std::vector<TableRowText>& rows);
    // A list item: the marker ("1." or "•") hangs left of wrapped text at `depth` indents.
    void listItem(std::string_view marker, std::string_view text, int depth);
    // A full-width row that opens something: title (bold) and an optional second line. At least
    // the touch-target height tall.
    void rowButton(std::string_view title, std::string_view detail, const KioskAction& action);
    // The least height of a tile of that width that holds its label and caption.
    float tileHeight(float width, std::string_view label, std::string_view caption) const;
    // A tile of a grid at (x, y) of size w × h: big label, optional caption.
    void tile(ImVec2 pos, ImVec2 size, std::string_view label, std::string_view caption, const KioskAction& action,
              bool primary);
    // A QR code of `url` at most side_px wide (quiet zone included) with a caption under it, at x.
    // Returns false (and draws the caption alone) when the URL cannot be encoded.
    bool qr(std::string_view url, std::string_view caption, float x, float side_px);
    // The blocks of an item's body: headings, paragraphs, list items and tables; each image block
    // goes to `image` (which may add it), or is left out when there is none.
    void bodyBlocks(std::span<const Block> blocks, const std::function<void(const Block&)>& image = {});
    // An image scaled to fit the width (never enlarged more than 2×).
    void image(const std::string& key, const std::string& path, int pixel_w, int pixel_h);
    // An image drawn `size` big (a zoomed picture, or a PDF page rendered for the screen, texel for
    // texel): centred when narrower than the page; wider, it starts at the left and pans (drawPage).
    void imageAt(const std::string& key, const std::string& path, ImVec2 size);

    void addRect(const PageRect& rect) { m_page.rects.push_back(rect); }
    void addButton(const PageButton& button) { m_page.buttons.push_back(button); }
    Page finish(); // sorts lines by position; the builder is spent

private:
    ImFont* fontFor(TextRole role) const;
    float sizeFor(TextRole role) const;
    ImU32 colourFor(TextRole role) const;
    float lineStep(TextRole role) const;
    // textAt for text already normalised (`shown` is drawn as it is).
    float placeLines(ImVec2 pos, float width, std::string_view shown, TextRole role, ImU32 colour);
    std::vector<float> columnWidths(const std::vector<TableRowText>& rows, int columns, float width) const;

    KioskStyle m_style;
    Page m_page;
    float m_y = 0;
};

// A table cell that is one number (digits with + - . , % and spaces): drawn right-aligned.
bool isFigure(std::string_view text);

// Width of one line of text in a font at a size.
float measureLine(ImFont* font, float size, std::string_view text);

// Pixel size of an image file, read from its header only; {0, 0} when unreadable.
std::pair<int, int> imageFileSize(const std::string& path);

} // namespace gk
