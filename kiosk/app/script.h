// Scripted runs: a text file of steps (tap, type, wait, card, scan, expect, screenshot…)
// that drive the real UI, for tests and the demo tour. Format: docs/scripts.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace kiosk {

class App;
class VirtualClock;

struct ScriptStep {
    int line = 0;
    std::string command;              ///< "tap", "expect", …
    std::vector<std::string> args;    ///< unquoted arguments
    bool quoted_first = false;        ///< first argument was a "quoted string"
};

struct Script {
    std::string path;
    std::vector<ScriptStep> steps;
};

/// Parses a script; every syntax error names the file and the line. A script types and scans
/// what a citizen would (case numbers, login codes): the temporaries of parsing are wiped.
Result<Script> parse_script(std::string_view text, const std::string& path);
/// Reads and parses a script file; the file's text is wiped from memory once parsed.
Result<Script> load_script(const std::string& path);

struct ScriptOptions {
    std::string screenshots_dir;  ///< where `screenshot NAME` writes NAME.png (and `dump NAME` NAME.json)
    double expect_timeout_s = 5;  ///< real seconds `expect` waits for text to appear
    bool verbose = false;         ///< print each step as it runs
    /// Check the layout rules (kiosk/ui/layout_check.h) after every step, as if each step were
    /// followed by `check-layout`; the violations are gathered (each once) and fail the run at
    /// the end, so one run reports every screen state that breaks a rule.
    bool check_layout = false;
};

/// Runs the script against the app, advancing `clock` for `wait`. The first failed step ends
/// the run with an error naming the file, the line and what was on screen. The text of a
/// `type` or `scan` step is wiped once the step has run (it stands for a citizen's input,
/// which must not outlive the session: the idle wipe is tested with scripts).
Status run_script(App& app, VirtualClock& clock, Script& script, const ScriptOptions& opts);

/// The layout rules broken on the screen as it is now, one line each ("rule: what"), for the
/// `check-layout` step and `--check-layout`.
std::vector<std::string> layout_violations(App& app);

/// Every text visible in a UI dump (widgets, list rows, dialog buttons, banners).
std::vector<std::string> visible_texts(const App& app);

}  // namespace kiosk
