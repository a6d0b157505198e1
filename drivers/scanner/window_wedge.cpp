// Window wedge: scanner-versus-person decision by inter-key timing.
#include "drivers/scanner/window_wedge.h"

#include "base/secret.h"

namespace kiosk::scanner {

WindowWedge::WindowWedge(WedgeOptions options) : m_opt(options) {}

std::vector<WedgeOutput> WindowWedge::release_as_typing() {
    std::vector<WedgeOutput> out;
    if (!m_held.empty()) out.push_back(WedgeOutput{WedgeOutput::Kind::Typing, {}, std::move(m_held)});
    m_held.clear();
    m_held_bytes = 0;
    return out;
}

void WindowWedge::drop_held() {
    // A scanned login token may be among the held keys: wiped, not just forgotten.
    for (auto& k : m_held) secure_wipe(k.text.data(), k.text.size());
    m_held.clear();
    m_held_bytes = 0;
}

std::vector<WedgeOutput> WindowWedge::poll(std::chrono::milliseconds now) {
    if (m_discarding && now - m_last > m_opt.max_gap) m_discarding = false;
    if (!m_held.empty() && now - m_held.back().time > m_opt.max_gap) return release_as_typing();
    return {};
}

std::vector<WedgeOutput> WindowWedge::feed(const WedgeKey& key) {
    std::vector<WedgeOutput> out;
    // A burst that overflowed is swallowed to its end: its Enter, or a gap.
    if (m_discarding) {
        bool gap = key.time - m_last > m_opt.max_gap;
        m_last = key.time;
        if (!gap) {
            if (key.kind == WedgeKey::Kind::Enter || key.kind == WedgeKey::Kind::Tab) m_discarding = false;
            return out;
        }
        m_discarding = false;
    }
    m_last = key.time;
    // A slow gap before this key: what was held was a person.
    if (!m_held.empty() && key.time - m_held.back().time > m_opt.max_gap) out = release_as_typing();

    if (key.kind == WedgeKey::Kind::Other) {
        // Backspace, arrows: only people press these; hand everything back in order.
        m_held.push_back(key);
        auto typed = release_as_typing();
        out.insert(out.end(), typed.begin(), typed.end());
        return out;
    }
    if (key.kind == WedgeKey::Kind::Enter || key.kind == WedgeKey::Kind::Tab) {
        std::string code;
        code.reserve(m_held_bytes);  // one block, wiped or handed on: no stale copies from growing
        for (const auto& k : m_held) code += k.text;
        // Counting characters, not bytes, would need UTF-8 decoding; wedges type ASCII.
        if (!m_held.empty() && code.size() >= m_opt.min_length) {
            out.push_back(WedgeOutput{WedgeOutput::Kind::Scanned, std::move(code), {}});
            drop_held();
            return out;
        }
        secure_wipe(code.data(), code.size());
        m_held.push_back(key);
        auto typed = release_as_typing();
        out.insert(out.end(), typed.begin(), typed.end());
        return out;
    }
    if (m_held_bytes + key.text.size() > m_opt.max_length) {
        drop_held();
        ++m_overflows;
        m_discarding = true;
        return out;
    }
    m_held_bytes += key.text.size();
    m_held.push_back(key);
    return out;
}

}  // namespace kiosk::scanner
