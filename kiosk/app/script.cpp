// The script parser and runner.
#include "script.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/log.h"
#include "base/secret.h"
#include "kiosk/app/app.h"
#include "kiosk/app/devices.h"
#include "kiosk/ui/layout_check.h"
#include "kiosk/ui/text_entry.h"

namespace kiosk {

namespace {

/// Wipes the text of a `type` or `scan` step once it has run: it stands for a citizen's
/// case number or login code, which the idle wipe must leave nowhere in memory.
void forget_text(ScriptStep& s) {
    for (auto& a : s.args) {
        secure_wipe(a.data(), a.capacity());
        a.clear();
    }
}

struct CommandSpec {
    const char* name;
    int min_args, max_args;
    const char* usage;
};

const CommandSpec kCommands[] = {
    {"tap", 1, 2, "tap X Y | tap \"visible text\""},
    {"drag", 4, 5, "drag X1 Y1 X2 Y2 [SECONDS]"},
    {"stroke", 4, 2000, "stroke X1 Y1 X2 Y2 …   (one finger path on the writing pad, screen coordinates)"},
    {"candidate", 1, 1, "candidate \"社\"   (tap a candidate of the text entry's row)"},
    {"hold", 3, 3, "hold X Y SECONDS   (press, keep the finger there while virtual time passes, lift)"},
    {"type", 1, 1, "type TEXT"},
    {"wait", 1, 1, "wait SECONDS"},
    {"wait-for", 1, 2, "wait-for \"text\" [SECONDS]"},
    {"card", 1, 1, "card NAME"},
    {"card-remove", 0, 0, "card-remove"},
    {"scan", 1, 1, "scan TEXT"},
    {"printer", 1, 1, "printer CONDITION   (ok, media-empty, media-jam, door-open, toner-low, toner-empty, offline)"},
    {"copier", 1, 1, "copier CONDITION   (simulated copy scanner: ok, no-device, cover-open, jammed, busy, gone-next, no-card)"},
    {"screenshot", 1, 1, "screenshot NAME"},
    {"dump", 1, 1, "dump NAME"},
    {"expect", 1, 1, "expect \"visible text\""},
    {"expect-not", 1, 1, "expect-not \"visible text\""},
    {"expect-screen", 1, 1, "expect-screen NAME"},
    {"live", 1, 1, "live SECONDS   (run the UI loop in real time; the virtual clock stands still)"},
    {"key", 1, 1, "key COMBO   (a key press through SDL's queue: Escape, Alt+F4, Ctrl+Q, Ctrl+Alt+F2, F1…)"},
    {"close-window", 0, 0, "close-window   (the window manager's close, as Alt+F4 in an X session sends it)"},
    {"block-ui", 1, 1, "block-ui SECONDS   (stall the UI thread; demo mode only)"},
    {"check-layout", 0, 0, "check-layout   (fail when the screen breaks a layout rule: off-screen, small target, overlap, cut text)"},
};

Result<std::vector<std::string>> tokenize(const std::string& line, bool& first_quoted) {
    std::vector<std::string> out;
    first_quoted = false;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i >= line.size()) break;
        if (line[i] == '"') {
            std::string tok;
            ++i;
            bool closed = false;
            while (i < line.size()) {
                char c = line[i++];
                if (c == '\\' && i < line.size()) tok += line[i++];
                else if (c == '"') {
                    closed = true;
                    break;
                } else tok += c;
            }
            if (!closed) return make_error(Errc::InvalidInput, "unterminated quoted text");
            if (out.size() == 1) first_quoted = true;
            out.push_back(tok);
        } else {
            size_t start = i;
            while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
            out.push_back(line.substr(start, i - start));
        }
    }
    return out;
}

bool parse_number(const std::string& s, double& out) {
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return end && *end == '\0' && !s.empty() && std::isfinite(out);
}

void collect_texts(const nlohmann::json& widgets, std::vector<std::string>& out) {
    for (const auto& w : widgets) {
        if (w.contains("text") && w["text"].is_string() && !w["text"].get<std::string>().empty())
            out.push_back(w["text"].get<std::string>());
        if (w.contains("items"))
            for (const auto& it : w["items"])
                if (it.contains("text")) out.push_back(it["text"].get<std::string>());
    }
}

// The lines of a multi-line text (list rows carry title, subtitle and badge).
std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

struct TapTarget {
    SDL_Rect rect;
    std::string text;
    bool enabled;
};

// Finds what to tap for `text`: an exact match on a widget or one line of an item first,
// then a unique substring match.
Result<TapTarget> find_tap_target(App& app, const std::string& text) {
    std::vector<TapTarget> exact, partial;
    for (ui::Widget* w : app.visible_widgets()) {
        auto consider = [&](const std::string& t, SDL_Rect r, bool tappable, bool enabled) {
            if (!tappable || t.empty()) return;
            bool is_exact = t == text;
            for (const auto& l : lines_of(t)) is_exact |= (l == text);
            if (is_exact) exact.push_back({r, t, enabled});
            else if (t.find(text) != std::string::npos) partial.push_back({r, t, enabled});
        };
        consider(w->text(), w->bounds, w->tappable() && w->items().empty(), w->enabled);
        for (const auto& it : w->items()) consider(it.text, it.bounds, it.tappable, it.enabled);
    }
    const std::vector<TapTarget>* pick = !exact.empty() ? &exact : &partial;
    if (pick->empty()) return make_error(Errc::NotFound, "no such text on screen");
    if (pick == &partial && partial.size() > 1) {
        std::string all;
        for (const auto& p : partial) all += " [" + p.text + "]";
        return make_error(Errc::InvalidInput, "ambiguous: several tappable texts contain it:" + all);
    }
    const TapTarget& t = pick->front();
    if (!t.enabled) return make_error(Errc::DeviceNotReady, "it is on screen but disabled");
    return t;
}

std::string summary_of_screen(const App& app) {
    std::string out = "screen '" + app.screen_name() + "' shows:";
    auto texts = visible_texts(app);
    size_t n = 0;
    for (const auto& t : texts) {
        std::string one = t;
        for (auto& c : one)
            if (c == '\n') c = '/';
        out += " [" + one + "]";
        if (++n >= 30) {
            out += " …";
            break;
        }
    }
    return out;
}

}  // namespace

std::vector<std::string> layout_violations(App& app) {
    app.frame(true);  // widgets note cut text while they draw
    auto d = app.dump();
    ui::LayoutRules rules;
    rules.width = app.theme().width;
    rules.height = app.theme().height;
    rules.px_per_cm = app.theme().px_per_cm;
    std::vector<std::string> out;
    for (const auto& v : ui::check_layout(d["widgets"], rules)) out.push_back(v.rule + ": " + v.message);
    return out;
}

std::vector<std::string> visible_texts(const App& app) {
    std::vector<std::string> out;
    auto d = app.dump();
    collect_texts(d["widgets"], out);
    return out;
}

Result<Script> parse_script(std::string_view text, const std::string& path) {
    // Lines, tokens and their copies are heap temporaries holding what a step types: every
    // block freed while parsing is zeroed (parsing happens once, so the cost is nothing).
    WipeFreedOnThisThread wipe_freed;
    Script script{path, {}};
    std::string line;
    int n = 0;
    std::string errors;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t eol = text.find('\n', at);
        if (eol == std::string_view::npos) eol = text.size();
        line.assign(text.substr(at, eol - at));
        at = eol + 1;
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        size_t first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        auto where = path + ":" + std::to_string(n) + ": ";
        // type and scan take the rest of the line as their text, unless it is quoted.
        std::string body = line.substr(first);
        std::string cmd = body.substr(0, body.find_first_of(" \t"));
        ScriptStep step{n, cmd, {}, false};
        if ((cmd == "type" || cmd == "scan") && body.size() > cmd.size()) {
            std::string rest = body.substr(cmd.size() + 1);
            size_t f = rest.find_first_not_of(" \t");
            rest = f == std::string::npos ? "" : rest.substr(f);
            if (rest.size() >= 2 && rest.front() == '"') {
                bool q;
                auto toks = tokenize(cmd + " " + rest, q);
                if (!toks || toks->size() != 2) {
                    errors += where + cmd + ": expected one quoted text\n";
                    continue;
                }
                step.args = {toks.value()[1]};
                step.quoted_first = true;
            } else {
                step.args = {rest};
            }
        } else {
            auto toks = tokenize(body, step.quoted_first);
            if (!toks) {
                errors += where + toks.error().message + "\n";
                continue;
            }
            step.args.assign(toks->begin() + 1, toks->end());
        }
        const CommandSpec* spec = nullptr;
        for (const auto& c : kCommands)
            if (cmd == c.name) spec = &c;
        if (!spec) {
            errors += where + "unknown command '" + cmd + "'\n";
            continue;
        }
        if (int(step.args.size()) < spec->min_args || int(step.args.size()) > spec->max_args) {
            errors += where + "usage: " + spec->usage + "\n";
            continue;
        }
        double num;
        if (cmd == "tap" && step.args.size() == 2 &&
            !(parse_number(step.args[0], num) && parse_number(step.args[1], num))) {
            errors += where + "tap X Y needs two numbers\n";
            continue;
        }
        if (cmd == "tap" && step.args.size() == 1 && !step.quoted_first) {
            errors += where + "tap needs X Y or \"quoted text\"\n";
            continue;
        }
        if ((cmd == "wait" || cmd == "live" || cmd == "block-ui" || (cmd == "wait-for" && step.args.size() == 2)) &&
            !(parse_number(step.args.back(), num) && num >= 0)) {
            errors += where + cmd + ": SECONDS must be a number >= 0\n";
            continue;
        }
        if (cmd == "hold" && !(parse_number(step.args[0], num) && parse_number(step.args[1], num) &&
                               parse_number(step.args[2], num) && num >= 0)) {
            errors += where + "hold needs X Y SECONDS (numbers, SECONDS >= 0)\n";
            continue;
        }
        if (cmd == "stroke") {
            bool ok = step.args.size() % 2 == 0;
            for (const auto& a : step.args) ok &= parse_number(a, num);
            if (!ok) {
                errors += where + "stroke needs pairs of numbers: X1 Y1 X2 Y2 …\n";
                continue;
            }
        }
        if (cmd == "candidate" && !step.quoted_first) {
            errors += where + "candidate needs a \"quoted text\"\n";
            continue;
        }
        if (cmd == "drag") {
            bool ok = true;
            for (const auto& a : step.args) ok &= parse_number(a, num);
            if (!ok) {
                errors += where + "drag needs numbers\n";
                continue;
            }
        }
        script.steps.push_back(std::move(step));
    }
    if (!errors.empty()) {
        errors.pop_back();
        return make_error(Errc::InvalidInput, errors);
    }
    return script;
}

Result<Script> load_script(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(Errc::NotFound, path + ": cannot open script");
    WipedString text;  // the whole file: every typed value of the script is in it
    char buf[4096];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) text.append(buf, std::size_t(in.gcount()));
    secure_wipe(buf, sizeof buf);
    auto script = parse_script(std::string_view(text.data(), text.size()), path);
    secure_wipe(text.data(), text.size());
    return script;
}

Status run_script(App& app, VirtualClock& clock, Script& script, const ScriptOptions& opts) {
    using namespace std::chrono;
    // Virtual time moves in frames of this size during `wait`: fine enough that a 1 s
    // countdown tick and a fling animation both advance the way they would for real.
    const auto kFrame = milliseconds(50);
    auto settle = [&] {
        app.frame();
        app.frame();
    };
    settle();
    // --check-layout: every violation once, with the step and the layout it was seen in.
    std::vector<std::string> seen;
    std::string layout_report;
    auto check_now = [&](const ScriptStep& s) {
        for (auto& v : layout_violations(app)) {
            std::string key = app.screen_name() + "|" + v;
            if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
            seen.push_back(key);
            layout_report += "  " + script.path + ":" + std::to_string(s.line) + " screen '" + app.screen_name() +
                             "': " + v + "\n";
        }
    };
    // The text entry looks up on its worker: before each step its answer is waited for and
    // drawn, so a step sees the row as a citizen would a moment later, whatever the load.
    auto finish_lookups = [&] {
        const auto& input = app.screen_services().input;
        if (!input || !input->worker) return;
        for (int guard = 0; guard < 4 && input->worker->busy(); ++guard) {
            input->worker->wait_idle();
            app.frame();
        }
    };
    for (auto& s : script.steps) {
        finish_lookups();
        if (opts.check_layout && &s != &script.steps.front()) check_now(*(&s - 1));
        auto fail = [&](const std::string& what) {
            return make_error(Errc::UserError, script.path + ":" + std::to_string(s.line) + ": " + s.command +
                                                   (s.args.empty() ? "" : " \"" + s.args[0] + "\"") + ": " + what +
                                                   "\n  " + summary_of_screen(app));
        };
        if (opts.verbose) {
            std::string line = s.command;
            for (const auto& a : s.args) line += " " + a;
            std::fprintf(stderr, "script:%d: %s\n", s.line, line.c_str());
            secure_wipe(line.data(), line.capacity());
        }
        const std::string& a0 = s.args.empty() ? std::string() : s.args[0];
        if (s.command == "tap") {
            if (s.args.size() == 2) {
                app.tap(int(std::stod(s.args[0])), int(std::stod(s.args[1])));
            } else {
                auto target = find_tap_target(app, a0);
                if (!target) return fail(target.error().message);
                app.tap(target->rect.x + target->rect.w / 2, target->rect.y + target->rect.h / 2);
            }
            settle();
        } else if (s.command == "drag") {
            int x1 = int(std::stod(s.args[0])), y1 = int(std::stod(s.args[1]));
            int x2 = int(std::stod(s.args[2])), y2 = int(std::stod(s.args[3]));
            double secs = s.args.size() == 5 ? std::stod(s.args[4]) : 0.3;
            int steps = std::max(2, int(secs / 0.016));
            app.inject_pointer(app.screen(), ui::PointerEvent::Kind::Down, x1, y1);
            for (int i = 1; i <= steps; ++i) {
                clock.advance(duration_cast<Clock::duration>(duration<double>(secs / steps)));
                app.inject_pointer(app.screen(), ui::PointerEvent::Kind::Move, x1 + (x2 - x1) * i / steps,
                                   y1 + (y2 - y1) * i / steps);
            }
            app.inject_pointer(app.screen(), ui::PointerEvent::Kind::Up, x2, y2);
            settle();
        } else if (s.command == "stroke") {
            // The finger's path as a touch panel reports it: a point at least every 10 px
            // (points further apart are filled in), 8 ms apart on the virtual clock.
            std::vector<std::pair<double, double>> pts;
            for (size_t i = 0; i + 1 < s.args.size(); i += 2) pts.push_back({std::stod(s.args[i]), std::stod(s.args[i + 1])});
            app.inject_pointer(app.screen(), ui::PointerEvent::Kind::Down, int(pts[0].first), int(pts[0].second));
            for (size_t i = 1; i < pts.size(); ++i) {
                auto [x0, y0] = pts[i - 1];
                auto [x1, y1] = pts[i];
                int n = std::max(1, int(std::ceil(std::hypot(x1 - x0, y1 - y0) / 10)));
                for (int k = 1; k <= n; ++k) {
                    clock.advance(milliseconds(8));
                    app.inject_pointer(app.screen(), ui::PointerEvent::Kind::Move, int(std::lround(x0 + (x1 - x0) * k / n)),
                                       int(std::lround(y0 + (y1 - y0) * k / n)));
                }
            }
            app.inject_pointer(app.screen(), ui::PointerEvent::Kind::Up, int(pts.back().first), int(pts.back().second));
            app.frame();
        } else if (s.command == "candidate") {
            ui::TextEntry* entry = nullptr;
            for (ui::Widget* w : app.visible_widgets())
                if (auto* e = dynamic_cast<ui::TextEntry*>(w)) entry = e;
            if (!entry) return fail("no text entry on screen");
            auto rect = entry->candidate_rect(a0);
            if (!rect) {
                std::string shown;
                for (const auto& c : entry->candidates()) shown += " " + c;
                return fail("not a candidate; the row has:" + (shown.empty() ? std::string(" nothing") : shown));
            }
            app.tap(rect->x + rect->w / 2, rect->y + rect->h / 2);
            settle();
        } else if (s.command == "hold") {
            app.hold(clock, int(std::stod(s.args[0])), int(std::stod(s.args[1])), std::stod(s.args[2]));
            settle();
        } else if (s.command == "type") {
            app.type_text(a0);
            forget_text(s);
            settle();
        } else if (s.command == "wait") {
            auto total = duration_cast<milliseconds>(duration<double>(std::stod(a0)));
            for (auto done = milliseconds(0); done < total; done += kFrame) {
                clock.advance(std::min<milliseconds>(kFrame, total - done));
                app.frame();
            }
            settle();
        } else if (s.command == "wait-for" || s.command == "expect") {
            double secs = s.args.size() == 2 ? std::stod(s.args[1]) : opts.expect_timeout_s;
            auto deadline = steady_clock::now() + duration_cast<steady_clock::duration>(duration<double>(secs));
            bool found = false;
            for (;;) {
                app.frame();
                for (const auto& t : visible_texts(app))
                    if (t.find(a0) != std::string::npos) found = true;
                if (found || steady_clock::now() >= deadline) break;
                std::this_thread::sleep_for(milliseconds(10));
            }
            if (!found) return fail("text not on screen after " + std::to_string(int(secs)) + " s");
        } else if (s.command == "expect-not") {
            settle();
            for (const auto& t : visible_texts(app))
                if (t.find(a0) != std::string::npos) return fail("text is on screen but should not be");
        } else if (s.command == "check-layout") {
            settle();
            auto v = layout_violations(app);
            if (!v.empty()) {
                std::string all;
                for (const auto& one : v) all += "\n  " + one;
                return fail(std::to_string(v.size()) + " layout rule(s) broken:" + all);
            }
        } else if (s.command == "expect-screen") {
            settle();
            if (app.screen_name() != a0) return fail("the screen is '" + app.screen_name() + "'");
        } else if (s.command == "card") {
            if (auto r = app.devices().simulate_card(a0); !r) return fail(r.error().message);
            settle();
        } else if (s.command == "card-remove") {
            if (auto r = app.devices().simulate_card_removed(); !r) return fail(r.error().message);
            settle();
        } else if (s.command == "scan") {
            auto r = app.devices().simulate_scan(a0);
            forget_text(s);
            if (!r) return fail(r.error().message);
            settle();
        } else if (s.command == "printer") {
            if (auto r = app.devices().simulate_printer(a0); !r) return fail(r.error().message);
            settle();
        } else if (s.command == "live") {
            // Frames at about the pace of App::run with something on screen, for what runs on
            // the wall clock (the systemd watchdog, devices and the network).
            auto deadline = steady_clock::now() + duration_cast<steady_clock::duration>(duration<double>(std::stod(a0)));
            while (steady_clock::now() < deadline) {
                app.frame();
                std::this_thread::sleep_for(milliseconds(10));
            }
        } else if (s.command == "key") {
            // Modifiers then the key, as SDL reports them: Ctrl, Alt, Shift, Gui (any order).
            std::string combo = a0, name;
            Uint16 mod = 0;
            for (size_t at; (at = combo.find('+')) != std::string::npos && at + 1 < combo.size(); combo = combo.substr(at + 1)) {
                std::string m = combo.substr(0, at);
                if (m == "Ctrl") mod |= KMOD_LCTRL;
                else if (m == "Alt") mod |= KMOD_LALT;
                else if (m == "Shift") mod |= KMOD_LSHIFT;
                else if (m == "Gui") mod |= KMOD_LGUI;
                else return fail("unknown modifier '" + m + "'");
            }
            SDL_Keycode key = SDL_GetKeyFromName(combo.c_str());
            if (key == SDLK_UNKNOWN) return fail("unknown key '" + combo + "'");
            for (Uint32 type : {Uint32(SDL_KEYDOWN), Uint32(SDL_KEYUP)}) {
                SDL_Event e{};
                e.type = type;
                e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
                e.key.keysym.sym = key;
                e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
                e.key.keysym.mod = mod;
                e.key.timestamp = SDL_GetTicks();
                SDL_PushEvent(&e);
            }
            settle();
        } else if (s.command == "close-window") {
            SDL_Event e{};
            e.type = SDL_QUIT;
            SDL_PushEvent(&e);
            settle();
        } else if (s.command == "block-ui") {
            // A hung UI thread (a stuck device call on it, say), to show the watchdog stops
            // pinging. A production kiosk has no reason to stall itself on request.
            if (!app.demo_mode()) return fail("block-ui is allowed only with kiosk.mode = \"demo\"");
            std::this_thread::sleep_for(duration_cast<steady_clock::duration>(duration<double>(std::stod(a0))));
        } else if (s.command == "copier") {
            const auto& sim = app.app_services().simulate_copier;
            if (!sim) return fail("no copy module");
            if (auto r = sim(a0); !r) return fail(r.error().message);
            settle();
        } else if (s.command == "screenshot" || s.command == "dump") {
            if (opts.screenshots_dir.empty()) return fail("no --screenshots DIR given");
            std::filesystem::create_directories(opts.screenshots_dir);
            std::string base = opts.screenshots_dir + "/" + a0;
            if (s.command == "screenshot") {
                settle();
                if (auto r = app.screenshot(base + ".png"); !r) return fail(r.error().message);
            } else {
                std::ofstream(base + ".json") << app.dump().dump(2) << "\n";
            }
        }
        if (app.quit_requested()) {
            // The kiosk would have closed here (a demo window's Escape, say): the run ends too.
            std::fprintf(stderr, "script: the kiosk quit at %s:%d\n", script.path.c_str(), s.line);
            return {};
        }
    }
    finish_lookups();
    if (opts.check_layout && !script.steps.empty()) check_now(script.steps.back());
    if (!layout_report.empty())
        return make_error(Errc::UserError, std::to_string(seen.size()) + " layout violation(s) (" +
                                               std::to_string(app.theme().width) + "x" +
                                               std::to_string(app.theme().height) +
                                               (app.theme().text_scale > 1.0f ? ", large text" : "") + "):\n" +
                                               layout_report);
    return {};
}

}  // namespace kiosk
