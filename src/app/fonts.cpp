#include "app/app.h"
#include "app/embedded_fonts.h"

#include <imgui.h>

namespace ll::app {
namespace {

// Logical sizes (CSS pixels). Rasterised at size × pixel_ratio.
constexpr float k_ui_font_px = 16.0f;
constexpr float k_mono_font_px = 15.0f;

// Must stay within LL_FONT_UNICODES in cmake/Fonts.cmake (the subset).
const ImWchar k_ranges[] = {
    0x0020, 0x00FF,  // Latin-1
    0x2013, 0x2026,  // – — ‘ ’ “ ” • …
    0x2190, 0x2193,  // ← ↑ → ↓
    0x2500, 0x259F,  // box drawing, blocks (mono)
    0x25A0, 0x25FF,  // ▲ ▼ ◆ ● ○
    0x2713, 0x2718,  // ✓ ✗
    0,
};

ImFont* add_font(std::span<const unsigned char> bytes, float px, float pixel_ratio) {
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // static bytes: ImGui must not free them
    cfg.OversampleH = pixel_ratio >= 2.0f ? 1 : 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(bytes.data()),
                                                      static_cast<int>(bytes.size()), px * pixel_ratio, &cfg, k_ranges);
}

}  // namespace

ui::UiFonts load_fonts(float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ui::UiFonts fonts;
    fonts.ui = add_font(fonts::ui(), k_ui_font_px, pixel_ratio);
    fonts.mono = add_font(fonts::mono(), k_mono_font_px, pixel_ratio);
    io.FontDefault = fonts.ui;
    // glyphs are pixel_ratio times larger in the atlas; draw them at logical size
    io.FontGlobalScale = 1.0f / pixel_ratio;
    return fonts;
}

}  // namespace ll::app
