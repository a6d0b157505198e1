// The screen base: one screen a file; a screen builds widgets from its state and returns intents.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <chrono>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/clock.h"
#include "kiosk/screens/certificates_data.h"
#include "kiosk/screens/copy_data.h"
#include "kiosk/screens/services.h"
#include "kiosk/session/session_view.h"
#include "kiosk/ui/strings.h"
#include "kiosk/ui/text_entry.h"
#include "kiosk/ui/widgets.h"

namespace kiosk::screens {

/// What a screen asks the app to do. Screens never call a driver or the platform themselves.
struct Intent {
    enum class Kind {
        Navigate,         ///< target = screen name, args = its parameters
        Back,
        Home,             ///< back to the home screen (the session goes on)
        EndSession,       ///< the citizen is done: wipe and go home
        SetLanguage,      ///< target = "zh-CN" | "en"
        ToggleLargeText,
        KeepSession,      ///< "continue" in the idle countdown
        Request,          ///< target = a service request name (print, certificates, case, …), args
        CancelRequest,    ///< target = the request name
        ForgetIdentity,   ///< the card's identity and any login code are no longer needed: the app wipes them
        SetInputMode,     ///< target = the text-entry tab chosen (ui::entry_mode_name), kept for the session
    } kind;
    std::string target;
    std::map<std::string, std::string> args = {};
};

using SessionView = ::kiosk::session::SessionView;
using CardView = ::kiosk::session::CardView;

/// A case receipt scanned (ZWCASE): the case number and its query code (a credential: never log it).
struct ScannedReceipt {
    std::string case_no;
    std::string query_code;
};

/// What an event carries, typed. Request replies: a failure's error word is a std::string;
/// results are the shared_ptrs of certificates_data.h and copy_data.h; call_staff "sent" carries the ticket
/// (std::string); a remote notice its end time (int64_t, wall ms).
using EventPayload = std::variant<std::monostate, std::string, int64_t, CardView, ScannedReceipt,
                                  std::shared_ptr<CertificateList>, std::shared_ptr<CertificatePreview>,
                                  std::shared_ptr<CaseResult>, std::shared_ptr<CopyInfo>, std::shared_ptr<CopyPreview>>;

/// Something that happened outside the screen: a device, a finished request, new content.
/// Arrives on the UI thread. Device output is classified once, by the app (kiosk/app/
/// device_input.cpp), with the configured rules: screens get meanings, never raw driver data.
struct AppEvent {
    enum class Kind {
        CardPlaced,       ///< a card was read; payload CardView (masked). The identity is in the session.
        CardRemoved,
        CardInvalid,      ///< text: message key ("card.invalid", "card.read_failed")
        ReaderFault,      ///< text: the reader's state name
        ReceiptScanned,   ///< payload ScannedReceipt
        LoginCodeScanned, ///< an app login code; the token is in the session
        UrlScanned,       ///< text: the URL (its host is on scanner.allowed_hosts)
        ScanRejected,     ///< text: message key of the reason ("scan.rejected.foreign_url", …)
        PrinterStatus,    ///< the app's status snapshot changed
        RequestUpdate,    ///< name: the request; text: its stage; ok: false on failure; payload
        ContentChanged,
        Notice,           ///< a remote notice to show; text
    } kind;
    std::string name;
    std::string text;
    bool ok = true;
    EventPayload payload = {};
    /// The payload as T, or null when it holds something else.
    template <class T>
    const T* get() const { return std::get_if<T>(&payload); }
};

/// Device and service status the screens may read (never block to get it).
struct AppStatus {
    bool printer_can_print = false;
    std::string printer_message_key;  ///< "" when fine; else a string key ("printer.no_paper")
    bool reader_ready = false;
    bool scanner_ready = false;
    bool platform_online = false;
    /// The platform was tried and did not answer (or refused): services that need it are
    /// paused. False while nothing is known yet (at start-up nothing is paused).
    bool platform_down = false;

    /// The printer has a fault the app knows of (a message to show), not "no status yet": the
    /// devices start after the first frame.
    bool printer_down() const { return !printer_can_print && !printer_message_key.empty(); }

    /// Why a home service cannot work now and shows 暂停服务 before a citizen starts it
    /// (issues 19 and 13), as a string key: "paused.platform" (证明打印 and 办件查询 need the
    /// platform), "paused.printer" (证明打印 and 复印 need the printer); "" when it can.
    /// 表格下载 stays: its forms can also be taken by QR code without the printer.
    std::string paused_reason(std::string_view screen) const {
        if (platform_down && (screen == "certificates" || screen == "case_status")) return "paused.platform";
        if (printer_down() && (screen == "certificates" || screen == "copy")) return "paused.printer";
        return {};
    }
    bool service_paused(std::string_view screen) const { return !paused_reason(screen).empty(); }
};

/// What the app offers a screen.
class ScreenContext {
public:
    virtual ~ScreenContext() = default;
    virtual const ui::Theme& theme() const = 0;
    virtual const ui::Strings& strings() const = 0;
    virtual ui::TextRenderer& text() = 0;
    virtual const Clock& clock() const = 0;
    virtual const AppStatus& status() const = 0;
    /// The citizen's session as screens may see it (read-only; change it with intents).
    virtual const SessionView& session() const = 0;
    virtual void emit(Intent) = 0;
    /// Content, search, map, notice, location: typed, filled by the app modules.
    virtual const ScreenServices& services() const = 0;
    /// A case number and query code typed by hand follow the receipt rules (docs/scanner.md,
    /// "Payload rules"); the app answers from where the payload format lives.
    virtual bool is_case_receipt(const std::string& case_no, const std::string& query_code) const = 0;
};

class Screen {
public:
    explicit Screen(ScreenContext& ctx) : m_ctx(ctx) {}
    virtual ~Screen() = default;
    virtual const char* name() const = 0;
    /// (Re)creates the widgets from the screen's state. Called on entry and after invalidate().
    virtual void build() = 0;
    virtual void on_event(const AppEvent&) {}
    /// Text typed by a hardware keyboard or a script's `type` step.
    virtual void on_text(const std::string&) {}
    /// Every frame, with the (virtual) clock's time.
    virtual void on_tick(Clock::time_point) {}
    /// Called when the screen is left for good (personal data it holds must go).
    virtual void on_leave() {}
    /// A screen that ends by itself after this long without a touch, with no "are you still
    /// there" countdown (the technician's screens); none: the citizen's session timers apply.
    virtual std::optional<std::chrono::seconds> idle_limit() const { return std::nullopt; }
    /// 返回 in the header: a screen with steps of its own goes back one of them and returns
    /// true; false (the default) leaves the screen (issue 13: 返回 is one step, not home).
    virtual bool on_back() { return false; }

    void invalidate() { m_dirty = true; }
    // Used by the app:
    void ensure_built();
    void draw(ui::Canvas&);
    bool pointer(const ui::PointerEvent&);
    bool tick(Clock::time_point now);
    void dump(nlohmann::json& out) const;
    /// Every widget in drawing order (the dialog last), for taps by text.
    std::vector<ui::Widget*> widgets() const;

protected:
    template <class W, class... A>
    W* add(A&&... a) {
        auto w = std::make_unique<W>(std::forward<A>(a)...);
        W* raw = w.get();
        m_widgets.push_back(std::move(w));
        return raw;
    }
    void clear_widgets();
    void show_dialog(std::unique_ptr<ui::Dialog> d);
    void close_dialog() { m_dialog.reset(); }
    bool has_dialog() const { return bool(m_dialog); }
    /// The top bar of every service screen: 返回, the title, 首页. Returns the y below it.
    int add_header(const std::string& title, bool show_back = true);
    /// Whether a field's tab choice is the citizen's for the rest of the session (search
    /// fields) or the field's own (a case number's 123 / ABC says nothing about the next search).
    enum class RememberTab { Session, Field };
    /// The text-entry component for `field`, with the tabs `modes` (in order), opening on the
    /// tab chosen earlier in the session when the field offers it, else on `fallback`.
    ui::TextEntry* add_text_entry(ui::TextField* field, std::vector<ui::EntryMode> modes, ui::EntryMode fallback,
                                  SDL_Rect bounds, RememberTab remember = RememberTab::Session);
    /// The tabs of a search field: 手写 / 拼音 / 123, and ABC in English.
    std::vector<ui::EntryMode> search_modes() const;
    /// 呼叫帮办 on an error screen, with the error filled in: `about` is the string key of the
    /// message the screen shows; the call screen shows it and sends it as the call's reason.
    /// The caller places the button (bounds).
    ui::Button* add_call_staff(const std::string& about);
    /// A label placed at (x, y) wrapped to width w; returns the y below it.
    int add_text(const std::string& text, int x, int y, int w, int px, SDL_Color color,
                 ui::Weight weight = ui::Weight::Regular, ui::Align align = ui::Align::Left);
    const std::string& tr(const std::string& key) const { return m_ctx.strings().tr(key); }
    std::string trf(const std::string& key, const std::map<std::string, std::string>& args) const {
        return m_ctx.strings().format(key, args);
    }
    const ui::Theme& theme() const { return m_ctx.theme(); }
    void emit(Intent i) { m_ctx.emit(std::move(i)); }

    ScreenContext& m_ctx;
    std::vector<ui::WidgetPtr> m_widgets;
    std::unique_ptr<ui::Dialog> m_dialog;
    ui::Widget* m_captured = nullptr;  // the widget that took the current touch
    bool m_dirty = true;
};

using ScreenPtr = std::unique_ptr<Screen>;
using ScreenFactory = std::function<ScreenPtr(ScreenContext&, const std::map<std::string, std::string>& args)>;

/// The registry of screens by name; each screen file registers itself.
void register_screen(const std::string& name, ScreenFactory f);
ScreenPtr make_screen(const std::string& name, ScreenContext& ctx, const std::map<std::string, std::string>& args);
bool has_screen(const std::string& name);
std::vector<std::string> screen_names();
/// Registers the "not available yet" screen for every home service that has no screen of its
/// own. Screens register themselves with KIOSK_SCREEN (kiosk_screens is an OBJECT library, so
/// every screen file is linked and its registration runs).
void register_all_screens();

struct ScreenRegistration {
    ScreenRegistration(const char* name, ScreenFactory f) { register_screen(name, std::move(f)); }
};

}  // namespace kiosk::screens

/// In a screen's .cpp: KIOSK_SCREEN("guide", GuideScreen); the class takes (ScreenContext&,
/// const std::map<std::string, std::string>& args).
#define KIOSK_SCREEN(name, Class)                                                                             \
    static const ::kiosk::screens::ScreenRegistration kiosk_screen_registration_##Class(                      \
        name, [](::kiosk::screens::ScreenContext& c, const std::map<std::string, std::string>& a) {            \
            return ::kiosk::screens::ScreenPtr(std::make_unique<Class>(c, a));                                 \
        });

namespace kiosk::screens {

}  // namespace kiosk::screens
