// PdfPreview: the kiosk_pdf module (poppler) renders the page, SDL shows it; pixels cached by path and size.
#include "kiosk/ui/pdf_preview.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <list>
#include <mutex>

#include "base/log.h"
#include "kiosk/ui/pdf_render.h"
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
    PdfPageRequest req;
    req.path = path;
    req.page = page;
    req.max_w = max_w;
    req.max_h = max_h;
    auto drawn = render_pdf(req);
    if (!drawn) return drawn.error();
    auto out = std::make_shared<PageImage>();
    out->width = drawn->width;
    out->height = drawn->height;
    out->pitch = drawn->pitch;
    out->pixels = std::move(drawn->pixels);
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
