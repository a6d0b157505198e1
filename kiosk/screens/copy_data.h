// What the copy module hands the copy screen: request names, the preview (wiped when dropped), the state words.
#pragma once

#include <memory>
#include <string>

#include "kiosk/screens/certificates_data.h"

namespace kiosk::screens {

/// Request names the copy module handles. Replies: AppEvent{RequestUpdate, <same name>,
/// "done" | "failed", ok, payload}; a failure's payload is a std::string word: no_scanner,
/// cover_open, jammed, busy, gone, failed, no_printer, nothing.
inline constexpr const char* kCopyStatus = "copy.status";    ///< args {}: reply text = copier state, payload CopyInfo
inline constexpr const char* kCopyScan = "copy.scan";        ///< args {what: front|back|page, mode: gray|color, w, h}
inline constexpr const char* kCopyPrint = "copy.print";      ///< args {copies, watermark}
inline constexpr const char* kCopyDiscard = "copy.discard";  ///< args {}: forget every scan now

/// copy.status → payload std::shared_ptr<CopyInfo>.
struct CopyInfo {
    bool scanner_ready = false;  ///< a scan can be tried
    bool color = false;          ///< the printer prints colour
};

/// copy.scan → payload std::shared_ptr<CopyPreview>: the page as it will print (ID card:
/// after the back; document: the last page), drawn to fit w × h (ARGB8888).
struct CopyPreview {
    int width = 0, height = 0, pitch = 0;
    WipedPixels pixels;
    int pages = 0;            ///< document pages scanned so far (ID card: 1)
    bool card_found = true;   ///< false: no card edges found, the glass corner was copied
};

}  // namespace kiosk::screens
