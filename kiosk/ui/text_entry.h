// The one text-entry component of every text field: tabs 手写 / 拼音 / 123 / ABC, the writing pad, the pinyin keys, the candidate row.
#pragma once

#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "base/secret.h"
#include "kiosk/ui/input_worker.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::ui {

/// A point of the finger's path on the pad, in screen pixels.
struct PadPoint {
    float x = 0, y = 0;
};
using PadStroke = std::vector<PadPoint>;

/// The engines behind the component, as plain functions: ui knows no domain, the app fills
/// them (kiosk/app/input_module.cpp) from kiosk/input. A null function means "not ready"
/// (the handwriting model still loading, or not installed): the tab says so.
struct InputEngines {
    /// Best characters for the strokes of one character, best first.
    std::function<std::vector<std::string>(const std::vector<PadStroke>&)> recognize;
    /// False while the handwriting model loads (null: ready when `recognize` is set).
    std::function<bool()> handwriting_ready;
    /// Candidates for the pinyin letters typed so far, best first.
    std::function<std::vector<std::string>(const std::string& letters)> pinyin;
    /// How many of the letters a chosen candidate stands for (the rest stay to type on).
    /// Called on the UI thread when a candidate is tapped.
    std::function<size_t(const std::string& letters, const std::string& chosen)> pinyin_consumed;
    /// Where `recognize` and `pinyin` run: with a worker they run on its thread (they must
    /// then be safe there) and the row is filled on a later frame; null: on the UI thread, at
    /// once (the widget tests' plain engines).
    std::shared_ptr<InputWorker> worker;
};

enum class EntryMode { Handwriting, Pinyin, Digits, Letters };
const char* entry_mode_name(EntryMode);
/// "handwriting", "pinyin", "digits", "letters"; false for anything else.
bool entry_mode_from_name(const std::string& name, EntryMode& out);

/// Words on the component, from the screen's string catalog.
struct TextEntryLabels {
    std::string handwriting = "手写", pinyin = "拼音", digits = "123", letters = "ABC";
    std::string rewrite = "重写", del = "删除", done = "确定", space = "分词";
    std::string pad_hint = "请在此书写";   ///< shown in the empty pad
    std::string not_ready = "手写识别正在准备，请稍候";  ///< engine not ready
    std::string more = "更多";
};

/// The component under a TextField: a row of tabs (the modes the field allows), a row of
/// candidates (handwriting and pinyin), and the body of the mode: the writing pad with 重写 /
/// 删除 / 确定, the pinyin letter keys, the digit keys, or the letter and digit keys (ABC).
///
/// Handwriting: the ink follows the finger; after each stroke the strokes so far are
/// recognised and the row shows the candidates. A candidate tapped goes into the field; after
/// kCommitPause without a new stroke the first candidate goes in by itself and the pad is
/// clear for the next character (multi-character writing with nothing to press), its
/// candidates staying on the row so another one can replace it.
///
/// Pinyin: letters gather in the row's composition (also shown in the field, so a search
/// can use them as pinyin at once); a candidate replaces the letters it stands for.
///
/// Lookups run on the engines' worker when there is one: the ink and the letters show at once,
/// the row follows a frame or two later, and an answer for older input is dropped.
///
/// Nothing typed or written is logged; the ink and the composition are wiped when cleared and
/// when the component goes.
class TextEntry : public Widget {
public:
    TextEntry(std::shared_ptr<const InputEngines> engines, std::vector<EntryMode> modes, EntryMode mode,
              TextEntryLabels labels, const Theme& theme, TextRenderer& text);
    ~TextEntry() override;
    const char* type() const override { return "textentry"; }
    void draw(Canvas&) override;
    bool on_pointer(const PointerEvent&) override;
    bool tick(std::chrono::steady_clock::time_point) override;
    std::vector<Item> items() const override;
    /// Adds `mode` and `candidates` (the whole row) to the widget's entry.
    void dump(nlohmann::json& out) const override;
    bool tappable() const override { return true; }
    std::string text() const override { return {}; }

    /// The field the component writes into (it shows the pinyin composition too).
    TextField* target = nullptr;
    /// The citizen chose another tab: the screen remembers it for the session.
    std::function<void(EntryMode)> on_mode;
    /// 确定.
    std::function<void()> on_done;
    EntryMode mode() const { return m_mode; }
    /// 确定 says what it does in this field ("查询", "下一项").
    void set_done_label(std::string s) { m_labels.done = std::move(s); }
    /// The least height that holds the tabs, the candidate row and a kPadMinCm pad.
    static int min_height(const Theme& t);

    /// Candidates on the row now (all pages), for tests and the script's `candidate` step.
    const std::vector<std::string>& candidates() const { return m_candidates; }
    /// Where candidate `text` is on the row now (its page shown first if needed); nullopt when
    /// it is not a candidate.
    std::optional<SDL_Rect> candidate_rect(const std::string& text);
    /// The writing pad's rectangle (empty outside handwriting).
    SDL_Rect pad_rect() const;
    /// Strokes of the character being written.
    size_t stroke_count() const { return m_ink.size(); }

    /// The smallest pad side, in centimetres (issue #14: an elderly hand writes large).
    static constexpr float kPadMinCm = 8.0f;
    /// Without a new stroke for this long, the character is done: its first candidate goes into
    /// the field and the pad clears for the next one. 1.2 s: long enough for an unhurried
    /// hand between two strokes of one character, short enough not to feel like waiting.
    static constexpr std::chrono::milliseconds kCommitPause{1200};

private:
    enum class Role { Tab, Candidate, More, Key, Rewrite, Delete, Done, Space };
    struct Cell {
        Role role;
        std::string label;
        SDL_Rect rect;
        int index = 0;  // tab: mode index; candidate: index in m_candidates
    };
    std::vector<Cell> layout() const;
    void set_mode(EntryMode m);
    void press(const Cell& c);
    void choose(size_t index);
    void recognise();
    bool handwriting_ready() const;
    void clear_ink();
    void commit_pending();
    void set_candidates(std::vector<std::string> c);
    void update_pinyin();
    void show_composition();
    void wipe_candidates();
    /// Runs `job` on the engines' worker (or at once without one); its result fills the row.
    void look_up(bool ink, std::function<std::vector<std::string>()> job);
    /// Forgets the lookup in flight (its answer would be for input that is gone).
    void drop_lookup();
    /// Takes the worker's answer when it has come; true while one is awaited.
    bool collect_lookup();

    std::shared_ptr<const InputEngines> m_engines;
    std::vector<EntryMode> m_modes;
    EntryMode m_mode;
    TextEntryLabels m_labels;

    std::vector<PadStroke> m_ink;         ///< strokes of the character being written
    bool m_drawing = false;               ///< a stroke is under the finger
    std::chrono::steady_clock::time_point m_last_stroke{};
    bool m_pending = false;               ///< ink recognised but not yet in the field
    bool m_replaceable = false;           ///< the row's candidates may replace the last character
    std::string m_last_committed;         ///< what the pause put in (to replace)
    WipedString m_composition;            ///< pinyin letters typed, not yet converted
    std::vector<std::string> m_candidates;
    size_t m_page_start = 0;
    mutable size_t m_page_end = 0;        ///< set by layout(): first candidate not shown
    int m_pressed = -1;
    bool m_seen_ready = false;            ///< the engines were ready at a tick
    uint64_t m_ticket = 0;                ///< the worker's lookup in flight (0: none)
    bool m_ticket_ink = false;            ///< it recognises the ink (else: pinyin letters)
    Theme m_theme;                        ///< sizes for the layout (the screen's, at build time)
    TextRenderer& m_text;
};

}  // namespace kiosk::ui
