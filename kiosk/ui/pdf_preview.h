// PdfPreview: the first page of a PDF drawn as a picture (poppler-cpp), rendered once per size and cached.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "kiosk/ui/widget.h"

namespace kiosk::ui {

/// A page rendered to 32-bit pixels (SDL_PIXELFORMAT_ARGB8888, rows of `pitch` bytes).
struct PageImage {
    int width = 0, height = 0, pitch = 0;
    std::vector<uint8_t> pixels;
};

/// Renders page `page` (0 = first) of the PDF at `path` to fit inside max_w × max_h pixels,
/// keeping its aspect ratio. Results are cached by (path, page, size) for the process, so a
/// preview shown again costs only a texture upload. Errors: NotFound, InvalidInput (not a PDF
/// poppler can read, or no such page).
Result<std::shared_ptr<const PageImage>> render_pdf_page(const std::string& path, int page, int max_w, int max_h);

class PdfPreview : public Widget {
public:
    /// `error_text` is shown in place of the page when the PDF cannot be rendered.
    PdfPreview(std::string path, std::string error_text);
    ~PdfPreview() override;
    const char* type() const override { return "pdf_preview"; }
    void draw(Canvas&) override;
    /// Empty while the page shows; the error text when it cannot.
    std::string text() const override { return m_failed ? m_error_text : std::string(); }
    bool failed() const { return m_failed; }

private:
    std::string m_path, m_error_text;
    std::shared_ptr<const PageImage> m_image;
    SDL_Texture* m_texture = nullptr;
    SDL_Rect m_rendered_for{0, 0, 0, 0};
    bool m_failed = false;
};

}  // namespace kiosk::ui
