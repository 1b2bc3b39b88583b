// screenshot.h: native only: write the current framebuffer as a PNG (--screenshot FILE).
#pragma once

namespace ll::app {
// Reads width×height pixels of the back buffer; false if it cannot write `path`.
bool write_screenshot(const char* path, int width, int height);
}  // namespace ll::app
