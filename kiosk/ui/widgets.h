// The touch-first widget set: label, button, list, dialog, progress, text field, QR view (the keys are text_entry.h).
#pragma once

#include <functional>
#include <optional>

#include "base/secret.h"
#include "kiosk/ui/icons.h"
#include "kiosk/ui/kinetic_scroll.h"
#include "kiosk/ui/widget.h"

namespace kiosk::ui {

enum class Align { Left, Center, Right };

/// A block of text wrapped to its width with ICU line breaking; optional background panel.
class Label : public Widget {
public:
    Label(std::string text, int px, SDL_Color color, Weight w = Weight::Regular, Align a = Align::Left);
    const char* type() const override { return "label"; }
    void draw(Canvas&) override;
    std::string text() const override { return m_text; }
    /// Height the text needs at `width` (wraps); call before placing.
    int measure_height(TextRenderer& tr, int width);
    void set_text(std::string t) { m_text = std::move(t); m_cached_width = -1; }
    std::optional<SDL_Color> background;
    int padding = 0;
    int max_lines = 0;  ///< 0: no limit; otherwise the last line ends with "…"

private:
    const std::vector<std::string>& lines(TextRenderer& tr, int width);
    std::string m_text;
    int m_px;
    SDL_Color m_color;
    Weight m_weight;
    Align m_align;
    int m_cached_width = -1;
    std::vector<std::string> m_lines;
};

enum class ButtonStyle { Primary, Secondary, Tile, Danger, Header };

class Button : public Widget {
public:
    Button(std::string label, std::function<void()> on_tap, ButtonStyle style = ButtonStyle::Secondary);
    const char* type() const override { return "button"; }
    void draw(Canvas&) override;
    std::string text() const override { return m_label; }
    bool tappable() const override { return enabled; }
    bool on_pointer(const PointerEvent&) override;
    void activate() {
        if (enabled && m_on_tap) m_on_tap();
    }
    std::string sublabel;    ///< second, smaller line (tile subtitle)
    Icon icon = Icon::None;  ///< pictogram drawn on a disc (tiles)
    SDL_Color accent{0, 0, 0, 0};  ///< tile icon disc colour
    int label_px = 0;        ///< 0: theme default
    /// Adds "icon" and "icon_bounds" when a pictogram was drawn.
    void dump(nlohmann::json& out) const override;

private:
    std::string m_label;
    std::function<void()> m_on_tap;
    ButtonStyle m_style;
    bool m_pressed = false;
    SDL_Rect m_icon_box{0, 0, 0, 0};  ///< where the last draw put the pictogram
};

/// A scrolling list of rows with touch drag and fling; a tap on a row calls its action.
class ListView : public Widget {
public:
    struct Row {
        std::string title;
        std::string subtitle;
        std::function<void()> on_tap;
        std::string badge;  ///< short text at the right ("3楼 12号窗口")
    };
    explicit ListView(int row_height);
    const char* type() const override { return "list"; }
    void draw(Canvas&) override;
    bool on_pointer(const PointerEvent&) override;
    bool tick(std::chrono::steady_clock::time_point) override;
    std::vector<Item> items() const override;
    std::string text() const override { return {}; }
    void set_rows(std::vector<Row> rows);
    const std::vector<Row>& rows() const { return m_rows; }
    /// Taps the row whose title is `title` (script runner); scrolls it into view first.
    bool tap_row(const std::string& title);
    void scroll_to(double offset);
    double scroll_offset() const { return m_scroll.offset(); }
    double max_offset() const;
    std::string empty_text;

private:
    std::vector<Row> m_rows;
    int m_row_height;
    KineticScroll m_scroll;
    int m_down_row = -1;
};

/// A determinate (0..1) or indeterminate progress bar with a caption.
class ProgressBar : public Widget {
public:
    explicit ProgressBar(std::string caption) : m_caption(std::move(caption)) {}
    const char* type() const override { return "progress"; }
    void draw(Canvas&) override;
    std::string text() const override { return m_caption; }
    bool tick(std::chrono::steady_clock::time_point) override { return fraction < 0; }
    double fraction = -1;  ///< < 0: indeterminate

private:
    std::string m_caption;
};

/// Shows what the citizen typed, with a caret; fed by the text-entry component, the keyboard
/// or by script `type`. Its text is wiped when changed or destroyed (case numbers, names).
class TextField : public Widget {
public:
    TextField(std::string placeholder, size_t max_len) : m_placeholder(std::move(placeholder)), m_max(max_len) {}
    ~TextField() override;
    const char* type() const override { return "textfield"; }
    void draw(Canvas&) override;
    /// What is shown: the value and the pinyin being composed.
    std::string text() const override { return value() + composition(); }
    bool tappable() const override { return true; }
    bool on_pointer(const PointerEvent&) override;
    void insert(const std::string& s);
    void backspace();
    void clear();
    std::string value() const { return std::string(m_value.begin(), m_value.end()); }
    /// Pinyin letters typed and not yet turned into characters, drawn underlined after the
    /// value (the text-entry component sets it); calls on_change.
    void set_composition(const std::string& letters);
    std::string composition() const { return std::string(m_composition.begin(), m_composition.end()); }
    bool focused = false;
    std::function<void()> on_focus;
    std::function<void()> on_change;
    bool uppercase = true;  ///< case numbers and query codes are upper case
    bool lowercase = false; ///< search fields: pinyin reads better in lower case (ABC keys send capitals)

private:
    std::string m_placeholder;
    size_t m_max;
    WipedString m_value;
    WipedString m_composition;
};

/// A QR code drawn crisply (integer module size, quiet zone) from text; ZXing encodes it.
class QrView : public Widget {
public:
    explicit QrView(std::string payload);
    const char* type() const override { return "qr"; }
    void draw(Canvas&) override;
    std::string text() const override { return m_payload; }
    bool valid() const { return m_size > 0; }

private:
    std::string m_payload;
    std::vector<uint8_t> m_modules;  // row-major, 1 = dark
    int m_size = 0;
};

/// A modal dialog: title, message, buttons; the screen puts it in its overlay layer.
class Dialog : public Widget {
public:
    Dialog(std::string title, std::string message);
    const char* type() const override { return "dialog"; }
    void draw(Canvas&) override;
    bool on_pointer(const PointerEvent&) override;
    std::string text() const override { return m_title; }
    std::vector<Item> items() const override;
    void add_button(std::string label, std::function<void()> on_tap, ButtonStyle style = ButtonStyle::Secondary);
    void set_message(std::string m) { m_message_text = std::move(m); }
    /// Lays out title, message and buttons centred in `screen`.
    void layout(TextRenderer& tr, const Theme& theme, SDL_Rect screen);
    std::vector<std::unique_ptr<Button>>& buttons() { return m_buttons; }

private:
    std::unique_ptr<Label> m_title_label, m_message;
    std::string m_title, m_message_text;
    std::vector<std::unique_ptr<Button>> m_buttons;
    SDL_Rect m_panel{};
    SDL_Rect m_screen{};
};

}  // namespace kiosk::ui
