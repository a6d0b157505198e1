// Drawing one page of a PDF to pixels: poppler does it in the kiosk_pdf program module, opened on first use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace kiosk::ui {

/// What to draw: a file (`path`) or bytes in memory (`bytes`, when `path` is empty; read in
/// place, nothing goes to disk). The page is scaled to fit inside max_w × max_h, keeping its
/// aspect ratio.
struct PdfPageRequest {
    std::string path;
    std::string_view bytes;
    int page = 0;  ///< 0 = first
    int max_w = 0, max_h = 0;
    bool text_antialiasing = true;
};

/// ARGB8888 pixels (rows of `pitch` bytes), at most max_w × max_h; `pages` is the document's
/// page count.
struct PdfPage {
    int width = 0, height = 0, pitch = 0, pages = 0;
    std::vector<uint8_t> pixels;
};

/// Draws the page. Errors: InvalidInput (not a PDF poppler can read, no such page, an empty
/// page, rendering failed; the message names `path` when there is one), Unavailable (the
/// kiosk_pdf module is missing or cannot be loaded: the message names the module and folder).
/// poppler's own copy of the pixels is zeroed before it is freed.
Result<PdfPage> render_pdf(const PdfPageRequest&);

/// Loads the kiosk_pdf module now (it is loaded on first use otherwise): the app calls it on a
/// worker after the first frame, so the first preview does not pay for loading poppler.
/// Errors: as render_pdf()'s Unavailable.
Status preload_pdf();

/// The C-ABI seam between the program and the module (kiosk/ui/modules/pdf_poppler.cpp):
/// `kiosk_pdf_module` returns this table. Both are built from this header by the same build.
struct PdfModule {
    int abi;  ///< kPdfModuleAbi
    /// Fills `out` and returns "" on success; otherwise returns the reason and the Errc.
    std::string (*render)(const PdfPageRequest& req, PdfPage& out, Errc& code);
};
constexpr int kPdfModuleAbi = 1;

}  // namespace kiosk::ui
