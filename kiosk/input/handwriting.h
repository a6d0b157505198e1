// Handwriting recognition for the writing pad: stroke preprocessing, Zinnia with the Tegaki
// simplified-Chinese model, stroke-order tolerance and the app's vocabulary first.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/result.h"

namespace kiosk::input {

/// A point of a finger path in any unit (screen pixels for the pad); y points down.
struct InkPoint {
    float x = 0, y = 0;
};
using InkStroke = std::vector<InkPoint>;

struct HandwritingCandidate {
    std::string text;  ///< one character, UTF-8
    float score = 0;   ///< Zinnia's SVM score after the hypothesis penalties; higher is better
};

/// Where Debian's tegaki-zinnia-simplified-chinese puts the model.
inline constexpr const char* kTegakiZhCnModel = "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model";

/// Scales the character's bounding box (aspect kept) into the model's 1000-unit box with a
/// 15 % margin, smooths each stroke (1-2-1 filter) and resamples it every 40 units. Where the
/// finger wrote in the pad does not matter; strokes of one point stay one point.
std::vector<InkStroke> preprocess_ink(const std::vector<InkStroke>& strokes);

/// Recognises one character from its strokes. Thread-safe after create(): recognize() may run
/// on a worker thread while the UI thread draws.
///
/// Beyond plain Zinnia (measured in BENCHMARKS.md, "Handwriting"):
/// - The Tegaki model was trained with 辶 and 廴 written first (e.g. 近 as 辶 then 斤), while
///   citizens write them last as the standard order says; when the last 3 (辶) or 2 (廴)
///   strokes look like it (a flat sweep along the bottom, the part's first stroke at the left),
///   they are also tried at the front, scored against those characters only.
/// - Citizens' stroke orders vary (生 with the vertical before the second horizontal); for
///   the vocabulary's characters every swap of two neighbouring strokes is tried as well.
/// - With a vocabulary, its characters rank before the others: in a search field a character
///   that occurs in no item, department or place cannot find anything.
class HandwritingRecognizer {
public:
    static Result<std::unique_ptr<HandwritingRecognizer>> create(const std::string& model_path = kTegakiZhCnModel);
    ~HandwritingRecognizer();
    HandwritingRecognizer(const HandwritingRecognizer&) = delete;
    HandwritingRecognizer& operator=(const HandwritingRecognizer&) = delete;

    /// The characters the app can use (UTF-8 text; non-Han and unknown characters are ignored).
    /// Call before sharing the recognizer between threads.
    void set_vocabulary(const std::string& text);
    size_t vocabulary_size() const;
    /// Best `n` candidates for the strokes (screen coordinates); empty for no strokes.
    std::vector<HandwritingCandidate> recognize(const std::vector<InkStroke>& strokes, size_t n = 10) const;
    /// Number of characters the model knows (6763: GB 2312).
    size_t model_size() const;

private:
    HandwritingRecognizer();
    struct Impl;
    std::unique_ptr<Impl> m;
};

}  // namespace kiosk::input
