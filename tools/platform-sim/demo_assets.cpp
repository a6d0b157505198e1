// platform-sim --make-demo-assets: demo key pairs and Chinese certificate PDFs (drivers/printer/pdf_writer) for the demo identities.
#include <sodium.h>

#include <ctime>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "drivers/printer/pdf_writer.h"
#include "kiosk/sync/crypto.h"
#include "sim.h"

namespace kiosk::sim {

namespace fs = std::filesystem;

namespace {
Status write_text(const fs::path& p, const std::string& s) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << s;
    return out ? Status{} : Status(make_error(Errc::Io, "cannot write " + p.string()));
}

using json = nlohmann::json;

/// "2026年11月20日" in Beijing time (UTC+8) for a Unix time in milliseconds.
std::string chinese_date(int64_t ms) {
    std::time_t t = std::time_t(ms / 1000 + 8 * 3600);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return std::to_string(tm.tm_year + 1900) + "年" + std::to_string(tm.tm_mon + 1) + "月" + std::to_string(tm.tm_mday) + "日";
}

/// The citizen's number as certificates print it: the first six and last four digits.
std::string masked_id(const std::string& id) {
    if (id.size() < 10) return std::string(id.size(), '*');
    return id.substr(0, 6) + std::string(id.size() - 10, '*') + id.substr(id.size() - 4);
}

/// One certificate: a double frame, title, number, the statement and its table, the issuer
/// and date over a seal area (a red ring with a star: clearly a demo seal, no real one's
/// text), and a QR code with the verification address.
Result<std::string> certificate_pdf(const json& person, const json& c) {
    using namespace kiosk::printer;
    const std::string name = person.value("name", ""), title = c.value("title", ""), issuer = c.value("issuer", "");
    // The title names the certificate, not the person: document properties get shown and logged.
    auto pdf = TRY(PdfWriter::create({title, issuer, "platform-sim", "2026-11-20T09:00:00"}));
    const double W = PdfWriter::kWidth, H = PdfWriter::kHeight, mm = PdfWriter::kMm;
    const double mx = 22 * mm, cw = W - 2 * mx;
    pdf->box(12 * mm, 12 * mm, W - 24 * mm, H - 24 * mm, 2.0);
    pdf->box(14 * mm, 14 * mm, W - 28 * mm, H - 28 * mm, 0.6);
    double y = 30 * mm;
    y += pdf->text(mx, y, cw, 24, title, FontWeight::Bold, TextAlign::Center) + 6;
    y += pdf->text(mx, y, cw, 10, "证明编号：" + c.value("number", ""), FontWeight::Regular, TextAlign::Center, kGrey) + 24;
    std::string body = c.value("body", "");
    for (auto [key, value] : {std::pair<std::string, std::string>{"{name}", name}, {"{idm}", masked_id(person.value("id_number", ""))}})
        for (size_t at; (at = body.find(key)) != std::string::npos;) body.replace(at, key.size(), value);
    y += pdf->text(mx, y, cw, 12.5, "　　" + body) + 14;
    const double label_w = cw * 0.3, pad = 7;
    double top = y;
    for (const auto& row : c.value("rows", json::array())) {
        if (!row.is_array() || row.size() != 2) continue;
        std::string k = row[0].get<std::string>(), v = row[1].get<std::string>();
        double h = std::max(pdf->text_height(label_w - 2 * pad, 11.5, k, FontWeight::Bold), pdf->text_height(cw - label_w - 2 * pad, 11.5, v)) + 2 * pad;
        pdf->fill(mx, y, label_w, h, Rgb{0.95, 0.95, 0.95});
        pdf->text(mx + pad, y + pad, label_w - 2 * pad, 11.5, k, FontWeight::Bold);
        pdf->text(mx + label_w + pad, y + pad, cw - label_w - 2 * pad, 11.5, v);
        pdf->line(mx, y, mx + cw, y, 0.6);
        y += h;
    }
    if (y > top) {
        pdf->line(mx, y, mx + cw, y, 0.6);
        pdf->line(mx, top, mx, y, 0.6);
        pdf->line(mx + label_w, top, mx + label_w, y, 0.6);
        pdf->line(mx + cw, top, mx + cw, y, 0.6);
    }
    y += 16;
    y += pdf->text(mx, y, cw, 12.5, "　　特此证明。") + 40;
    // Issuer and date on the right, the seal over them as on paper.
    const double right_w = 80 * mm, rx = mx + cw - right_w;
    pdf->text(rx, y, right_w, 13, issuer, FontWeight::Bold, TextAlign::Center);
    pdf->text(rx, y + 24, right_w, 12.5, chinese_date(c.value("issued_ms", int64_t(0))), FontWeight::Regular, TextAlign::Center);
    const double sr = 21 * mm, scx = rx + right_w / 2, scy = y + 18;
    pdf->circle(scx, scy, sr, 2.4, kSealRed);
    pdf->star(scx, scy - 11 * mm, 5 * mm, kSealRed);  // above the issuer's name, which stays readable
    pdf->text(scx - sr, scy + 9 * mm, 2 * sr, 8, "演示印章", FontWeight::Bold, TextAlign::Center, kSealRed);
    // Verification: the QR code and the address under it, bottom left.
    const double q = 28 * mm, qy = H - 26 * mm - q;
    std::string url = c.value("verify_url", "");
    if (!url.empty()) {
        TRY(pdf->qr(mx, qy, q, url));
        pdf->text(mx + q + 10, qy + 8, cw - q - 10, 9.5,
                  "扫描二维码或登录政务服务网核验本证明真伪：\n" + url + "\n本证明自出具之日起三个月内有效。", FontWeight::Regular,
                  TextAlign::Left, kGrey);
    }
    pdf->text(mx, H - 24 * mm, cw, 8,
              "演示文件：虚构人员，由 platform-sim 为自助终端测试生成，不具任何法律效力。\nDEMO DOCUMENT - fictional person, not valid for any purpose.",
              FontWeight::Regular, TextAlign::Center, kGrey);
    return pdf->finish();
}

}  // namespace

Status make_demo_assets(const std::string& assets_dir) {
    sync::crypto_init();
    fs::path keys = fs::path(assets_dir) / "keys";
    fs::create_directories(keys);
    if (!fs::exists(keys / "seal.pub")) {
        unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
        crypto_box_keypair(pk, sk);
        TRY(write_text(keys / "seal.pub", sync::base64_encode(pk, sizeof pk) + "\n"));
        TRY(write_text(keys / "seal.key", sync::base64_encode(sk, sizeof sk) + "\n"));
    }
    if (!fs::exists(keys / "content.pub")) {
        unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
        crypto_sign_keypair(pk, sk);
        TRY(write_text(keys / "content.pub", sync::base64_encode(pk, sizeof pk) + "\n"));
        TRY(write_text(keys / "content.key", sync::base64_encode(sk, sizeof sk) + "\n"));
    }
    std::ifstream in(fs::path(assets_dir) / "identities.json");
    auto ids = json::parse(in, nullptr, false);
    if (ids.is_discarded()) return make_error(Errc::InvalidInput, "identities.json is not valid JSON");
    for (const auto& person : ids["identities"]) {
        for (const auto& c : person["certificates"]) {
            fs::path file = fs::path(assets_dir) / c["file"].get<std::string>();
            fs::create_directories(file.parent_path());
            auto pdf = certificate_pdf(person, c);
            if (!pdf) return make_error(pdf.error().code, c.value("file", "") + ": " + pdf.error().message);
            TRY(write_text(file, *pdf));
        }
    }
    return {};
}

}  // namespace kiosk::sim
