// The program side of the kiosk_pdf module: opens it once (base/dynlib) and calls through its table.
#include "kiosk/ui/pdf_render.h"

#include "base/dynlib.h"

namespace kiosk::ui {

namespace {

const Result<const PdfModule*>& pdf_module() {
    static const Result<const PdfModule*> module = []() -> Result<const PdfModule*> {
        void* entry = TRY(dynlib::open_module("kiosk_pdf", "kiosk_pdf_module"));
        auto* m = reinterpret_cast<const PdfModule* (*)()>(entry)();
        if (!m || m->abi != kPdfModuleAbi)
            return make_error(Errc::Unavailable, "program module kiosk_pdf.so in " + dynlib::module_dir() +
                                                     " is from another version of the kiosk (reinstall the package)");
        return m;
    }();
    return module;
}

}  // namespace

Status preload_pdf() {
    const auto& m = pdf_module();
    if (!m) return m.error();
    return {};
}

Result<PdfPage> render_pdf(const PdfPageRequest& req) {
    if (req.max_w <= 0 || req.max_h <= 0) return make_error(Errc::InvalidInput, "empty preview area");
    if (req.page < 0) return make_error(Errc::InvalidInput, "no page " + std::to_string(req.page + 1));
    const auto& m = pdf_module();
    if (!m) return m.error();
    PdfPage out;
    Errc code = Errc::Internal;
    std::string why = (*m)->render(req, out, code);
    if (!why.empty()) return make_error(code, why);
    return out;
}

}  // namespace kiosk::ui
