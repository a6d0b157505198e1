// PdfPreview: poppler-cpp renders the page, SDL shows it; pixels cached by path and size.
#include "kiosk/ui/pdf_preview.h"

// Included by path: the poppler-cpp headers include each other with quotes, so no extra -I
// is needed on kiosk_ui (the executable links PkgConfig::POPPLER through kiosk_screens).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <list>
#include <mutex>

#include "base/log.h"
#include "kiosk/ui/text.h"

namespace kiosk::ui {

namespace {

struct CacheEntry {
    std::string key;
    std::shared_ptr<const PageImage> image;
};
std::mutex g_cache_mutex;
std::list<CacheEntry> g_cache;  // most recent first
constexpr size_t kCacheEntries = 12;  // a few forms in two orientations; about 1.5 MB each


}  // namespace

Result<std::shared_ptr<const PageImage>> render_pdf_page(const std::string& path, int page, int max_w, int max_h) {
    if (max_w <= 0 || max_h <= 0) return make_error(Errc::InvalidInput, "empty preview area");
    std::error_code ec;
    auto mtime = std::filesystem::last_write_time(path, ec);
    if (ec) return make_error(Errc::NotFound, "form " + path + ": " + ec.message());
    std::string key = path + "#" + std::to_string(page) + "@" + std::to_string(max_w) + "x" + std::to_string(max_h) +
                      ":" + std::to_string(mtime.time_since_epoch().count());
    {
        std::lock_guard lock(g_cache_mutex);
        for (auto it = g_cache.begin(); it != g_cache.end(); ++it)
            if (it->key == key) {
                g_cache.splice(g_cache.begin(), g_cache, it);
                return g_cache.front().image;
            }
    }
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    if (!doc || doc->is_locked()) return make_error(Errc::InvalidInput, "form " + path + " is not a readable PDF");
    if (page < 0 || page >= doc->pages()) return make_error(Errc::InvalidInput, "form " + path + " has no page " + std::to_string(page + 1));
    std::unique_ptr<poppler::page> p(doc->create_page(page));
    if (!p) return make_error(Errc::InvalidInput, "form " + path + ": cannot read page " + std::to_string(page + 1));
    poppler::rectf box = p->page_rect(poppler::media_box);
    if (box.width() <= 0 || box.height() <= 0) return make_error(Errc::InvalidInput, "form " + path + ": empty page");
    // Points are 1/72 inch: choose the resolution that fits the page in the area.
    double scale = std::min(max_w / box.width(), max_h / box.height());
    double dpi = 72.0 * scale;
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_argb32);
    renderer.set_paper_color(0xFFFFFFFF);
    poppler::image img = renderer.render_page(p.get(), dpi, dpi);
    if (!img.is_valid() || img.width() <= 0 || img.height() <= 0)
        return make_error(Errc::InvalidInput, "form " + path + ": rendering failed");
    auto out = std::make_shared<PageImage>();
    out->width = std::min(img.width(), max_w);
    out->height = std::min(img.height(), max_h);
    out->pitch = out->width * 4;
    out->pixels.resize(size_t(out->pitch) * size_t(out->height));
    const char* src = img.const_data();
    for (int y = 0; y < out->height; ++y)
        std::memcpy(out->pixels.data() + size_t(y) * size_t(out->pitch), src + size_t(y) * size_t(img.bytes_per_row()),
                    size_t(out->pitch));
    std::lock_guard lock(g_cache_mutex);
    g_cache.push_front({key, out});
    if (g_cache.size() > kCacheEntries) g_cache.pop_back();
    return std::shared_ptr<const PageImage>(out);
}

PdfPreview::PdfPreview(std::string path, std::string error_text)
    : m_path(std::move(path)), m_error_text(std::move(error_text)) {}

PdfPreview::~PdfPreview() {
    if (m_texture) SDL_DestroyTexture(m_texture);
}

void PdfPreview::draw(Canvas& c) {
    if (!visible) return;
    const Theme& t = c.theme;
    fill_rect(c.renderer, bounds, t.border);
    SDL_Rect inner{bounds.x + 2, bounds.y + 2, bounds.w - 4, bounds.h - 4};
    if (!m_failed && (!m_texture || !SDL_RectEquals(&m_rendered_for, &inner))) {
        if (m_texture) SDL_DestroyTexture(m_texture);
        m_texture = nullptr;
        auto img = render_pdf_page(m_path, 0, inner.w, inner.h);
        if (!img) {
            LOG_WARN("pdf") << img.error().message;
            m_failed = true;
        } else {
            m_image = img.value();
            m_texture = SDL_CreateTexture(c.renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, m_image->width,
                                          m_image->height);
            if (m_texture) SDL_UpdateTexture(m_texture, nullptr, m_image->pixels.data(), m_image->pitch);
            else m_failed = true;
            m_rendered_for = inner;
        }
    }
    if (m_failed) {
        fill_rect(c.renderer, inner, t.card);
        auto s = c.text.measure(m_error_text, t.body(), Weight::Regular);
        c.text.draw(m_error_text, t.body(), Weight::Regular, t.muted, inner.x + std::max(0, (inner.w - s.x) / 2),
                    inner.y + (inner.h - s.y) / 2);
        return;
    }
    fill_rect(c.renderer, inner, t.background);
    SDL_Rect dst{inner.x + (inner.w - m_image->width) / 2, inner.y + (inner.h - m_image->height) / 2, m_image->width,
                 m_image->height};
    SDL_RenderCopy(c.renderer, m_texture, nullptr, &dst);
}

}  // namespace kiosk::ui
