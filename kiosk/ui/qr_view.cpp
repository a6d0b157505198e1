// QrView: encodes with ZXing and draws whole-pixel modules with a quiet zone, so phones decode it.
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

#include "base/log.h"
#include "widgets.h"

namespace kiosk::ui {

QrView::QrView(std::string payload) : m_payload(std::move(payload)) {
    try {  // ZXing reports oversized payloads by exception; keep it at this edge
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEncoding(ZXing::CharacterSet::UTF8).setEccLevel(3).setMargin(0);
        ZXing::BitMatrix m = writer.encode(m_payload, 0, 0);
        m_size = m.width();
        m_modules.resize(size_t(m_size) * size_t(m_size));
        for (int y = 0; y < m_size; ++y)
            for (int x = 0; x < m_size; ++x) m_modules[size_t(y * m_size + x)] = m.get(x, y) ? 1 : 0;
    } catch (const std::exception& e) {
        LOG_WARN("qr") << "cannot encode a QR code of " << m_payload.size() << " bytes: " << e.what();
        m_size = 0;
    }
}

void QrView::draw(Canvas& c) {
    if (!visible) return;
    fill_rect(c.renderer, bounds, SDL_Color{0xFF, 0xFF, 0xFF, 0xFF});
    if (m_size == 0) return;
    // Four modules of quiet zone on each side, as the QR standard asks.
    int side = std::min(bounds.w, bounds.h);
    int module = side / (m_size + 8);
    if (module < 1) module = 1;
    int total = module * m_size;
    int x0 = bounds.x + (bounds.w - total) / 2, y0 = bounds.y + (bounds.h - total) / 2;
    std::vector<SDL_Rect> rects;
    rects.reserve(m_modules.size() / 2);
    for (int y = 0; y < m_size; ++y)
        for (int x = 0; x < m_size; ++x)
            if (m_modules[size_t(y * m_size + x)]) rects.push_back({x0 + x * module, y0 + y * module, module, module});
    SDL_SetRenderDrawBlendMode(c.renderer, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(c.renderer, 0, 0, 0, 0xFF);
    SDL_RenderFillRects(c.renderer, rects.data(), int(rects.size()));
}

}  // namespace kiosk::ui
