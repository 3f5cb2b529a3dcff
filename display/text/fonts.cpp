// Fontconfig lookup and ImGui font loading. See fonts.h.
#include "display/text/fonts.h"

#include <fontconfig/fontconfig.h>
#include <imgui.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>

namespace gk {
namespace {

struct FcPatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
using PatternPtr = std::unique_ptr<FcPattern, FcPatternDeleter>;

// Matches `family` (with `weight`) and insists that fontconfig did not substitute another family:
// a silent substitute would render Chinese as tofu or in the wrong face.
bool matchFace(FcConfig* config, const char* family, int weight, FontFace& out) {
    PatternPtr pattern(FcPatternCreate());
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
    FcPatternAddInteger(pattern.get(), FC_WEIGHT, weight);
    FcConfigSubstitute(config, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    PatternPtr match(FcFontMatch(config, pattern.get(), &result));
    if (!match) return false;
    bool family_matches = false;
    FcChar8* value = nullptr;
    for (int i = 0; FcPatternGetString(match.get(), FC_FAMILY, i, &value) == FcResultMatch; ++i)
        family_matches = family_matches || FcStrCmpIgnoreCase(value, reinterpret_cast<const FcChar8*>(family)) == 0;
    FcChar8* file = nullptr;
    int index = 0;
    if (!family_matches || FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch) return false;
    FcPatternGetInteger(match.get(), FC_INDEX, 0, &index);
    out.file = reinterpret_cast<const char*>(file);
    out.index = index;
    return std::filesystem::is_regular_file(out.file);
}

} // namespace

bool locateFonts(FontFiles& out, std::string& error) {
    FcConfig* config = FcInitLoadConfigAndFonts();
    if (config == nullptr) {
        error = "fontconfig could not be initialised";
        return false;
    }
    struct Wanted {
        const char* family;
        int weight;
        FontFace* face;
        const char* package;
    };
    const Wanted wanted[] = {
        {"Noto Sans CJK SC", FC_WEIGHT_REGULAR, &out.regular, "fonts-noto-cjk"},
        {"Noto Sans CJK SC", FC_WEIGHT_BOLD, &out.bold, "fonts-noto-cjk"},
        {"HanaMinA", FC_WEIGHT_REGULAR, &out.fallback_a, "fonts-hanazono"},
        {"HanaMinB", FC_WEIGHT_REGULAR, &out.fallback_b, "fonts-hanazono"},
    };
    bool ok = true;
    for (const Wanted& w : wanted) {
        if (matchFace(config, w.family, w.weight, *w.face)) continue;
        error = std::string("font \"") + w.family + "\" not found (install the Debian package " + w.package + ")";
        ok = false;
        break;
    }
    FcConfigDestroy(config);
    return ok;
}

namespace {

ImFont* addFace(const MappedFont& file, int index, const char* name, ImFont* merge_into) {
    ImFontConfig cfg;
    cfg.FontNo = static_cast<ImU32>(index);
    cfg.MergeMode = merge_into != nullptr;
    cfg.DstFont = merge_into;
    // ImGui 1.92 copies font data it does not own (50–150 MiB here); it "owns" the mapping
    // instead, and the allocator hook below makes its free of a mapped block a no-op.
    cfg.FontDataOwnedByAtlas = true;
    snprintf(cfg.Name, sizeof(cfg.Name), "%s", name);
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(file.data(), file.size(), 0.0f, &cfg);
}

// The face with HanaMinA and HanaMinB merged in as fallback.
ImFont* addFamily(const MappedFont& main, int index, const char* name, const Fonts& fonts, const FontFiles& files) {
    ImFont* font = addFace(main, index, name, nullptr);
    if (font == nullptr) return nullptr;
    addFace(fonts.fallback_a_file, files.fallback_a.index, "HanaMinA", font);
    addFace(fonts.fallback_b_file, files.fallback_b.index, "HanaMinB", font);
    return font;
}

// Blocks currently mapped by a MappedFont. Process-wide because ImGui's allocator is.
std::mutex g_mapped_mutex;
std::set<const void*> g_mapped;

void* imguiAlloc(std::size_t size, void*) {
    return std::malloc(size);
}

void imguiFree(void* ptr, void*) {
    {
        std::lock_guard<std::mutex> lock(g_mapped_mutex);
        if (g_mapped.count(ptr) != 0) return; // a mapped font file: MappedFont unmaps it
    }
    std::free(ptr);
}

} // namespace

void installFontAllocator() {
    ImGui::SetAllocatorFunctions(imguiAlloc, imguiFree, nullptr);
}

MappedFont::~MappedFont() {
    if (m_data == nullptr) return;
    {
        std::lock_guard<std::mutex> lock(g_mapped_mutex);
        g_mapped.erase(m_data);
    }
    munmap(m_data, m_size);
}

bool MappedFont::map(const std::filesystem::path& file, std::string& error) {
    const int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size > INT32_MAX) {
        if (fd >= 0) close(fd);
        error = "cannot read font " + file.string();
        return false;
    }
    void* data = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (data == MAP_FAILED) {
        error = "cannot map font " + file.string();
        return false;
    }
    m_data = data;
    m_size = static_cast<std::size_t>(st.st_size);
    std::lock_guard<std::mutex> lock(g_mapped_mutex);
    g_mapped.insert(m_data);
    return true;
}

bool loadFonts(const FontFiles& files, Fonts& out, std::string& error) {
    if (!out.regular_file.map(files.regular.file, error) || !out.bold_file.map(files.bold.file, error) ||
        !out.fallback_a_file.map(files.fallback_a.file, error) ||
        !out.fallback_b_file.map(files.fallback_b.file, error))
        return false;
    out.regular = addFamily(out.regular_file, files.regular.index, "Noto Sans CJK SC", out, files);
    out.bold = addFamily(out.bold_file, files.bold.index, "Noto Sans CJK SC Bold", out, files);
    if (out.regular == nullptr || out.bold == nullptr) {
        error = "could not load font " + files.regular.file.string();
        return false;
    }
    return true;
}

std::unique_ptr<MeasuringFonts> MeasuringFonts::open(std::string& error) {
    FontFiles files;
    if (!locateFonts(files, error)) return nullptr;
    IMGUI_CHECKVERSION();
    installFontAllocator(); // the mapped font files are handed to ImGui, which must never free them
    std::unique_ptr<MeasuringFonts> fonts(new MeasuringFonts());
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // no imgui.ini: nothing depends on a stray file
    io.LogFilename = nullptr;
    // Set before the fonts are added: the atlas then rasterizes glyphs on demand (as with the
    // program's GL backend) instead of expecting every glyph of every range built up front.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
    io.BackendRendererName = "gongkai-measuring";
    // One byte per pixel, as the program uses on GL with texture swizzle.
    io.Fonts->TexDesiredFormat = ImTextureFormat_Alpha8;
    if (!loadFonts(files, fonts->m_fonts, error)) return nullptr; // the destructor ends the context
    return fonts;
}

MeasuringFonts::~MeasuringFonts() {
    ImGui::DestroyContext();
}

} // namespace gk
