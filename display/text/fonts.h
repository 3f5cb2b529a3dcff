// Font discovery (fontconfig) and loading into Dear ImGui 1.92's dynamic atlas.
// Noto Sans CJK SC is the face; HanaMinA/B are merged in as fallback so that CJK Ext-A..F
// (e.g. 䶮 U+4DAE, 𠮷 U+20BB7, 𪚥 U+2A6A5: GB 18030 Level 3) render as glyphs. Must not include
// SDL, GL or curl.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

struct ImFont;

namespace gk {

struct FontFace {
    std::filesystem::path file;
    int index = 0; // face index inside a .ttc collection
};

struct FontFiles {
    FontFace regular;    // Noto Sans CJK SC Regular
    FontFace bold;       // Noto Sans CJK SC Bold
    FontFace fallback_a; // HanaMinA: BMP + Ext-A
    FontFace fallback_b; // HanaMinB: Ext-B and beyond (plane 2)
};

// Finds the fonts through fontconfig. Returns false with a message naming the missing family
// and the Debian package that provides it.
bool locateFonts(FontFiles& out, std::string& error);

// A font file mapped read-only. The CJK files are 20–30 MiB each: mapped, only the pages of the
// glyphs in use become resident, and they are shared with the page cache instead of copied.
class MappedFont {
public:
    MappedFont() = default;
    ~MappedFont();
    MappedFont(const MappedFont&) = delete;
    MappedFont& operator=(const MappedFont&) = delete;
    bool map(const std::filesystem::path& file, std::string& error);
    void* data() const { return m_data; }
    int size() const { return static_cast<int>(m_size); }

private:
    void* m_data = nullptr;
    std::size_t m_size = 0;
};

struct Fonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    // The mapped files the atlas reads glyphs from; they must outlive the ImGui context.
    MappedFont regular_file, bold_file, fallback_a_file, fallback_b_file;
};

// Routes ImGui's allocations through malloc/free except for mapped font files, which ImGui
// must never free. Call once before ImGui::CreateContext.
void installFontAllocator();

// Adds the fonts to the current ImGui context's atlas. Glyphs are rasterized on demand.
bool loadFonts(const FontFiles& files, Fonts& out, std::string& error);

// The program's fonts in an ImGui context of their own, with no window and no renderer: text is
// measured with the real glyphs (rasterized on demand on the CPU), and nothing is drawn or
// uploaded. For `playlist plan` (it measures cards as the screen does) and the UI tests. The
// context is current while this lives; one at a time in a process.
class MeasuringFonts {
public:
    // Null when a font is missing (error says which).
    static std::unique_ptr<MeasuringFonts> open(std::string& error);
    ~MeasuringFonts();
    MeasuringFonts(const MeasuringFonts&) = delete;
    MeasuringFonts& operator=(const MeasuringFonts&) = delete;
    const Fonts& fonts() const { return m_fonts; }

private:
    MeasuringFonts() = default;
    Fonts m_fonts; // destroyed after the context (the atlas reads the mapped files)
};

} // namespace gk
