// QR decoding from images made by qrencode (an independent encoder) and by ZXing's writer, rotated, scaled, noisy, in camera frames.
#include <doctest/doctest.h>

#include <spawn.h>
#include <sys/wait.h>

#include <fcntl.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>

#include "drivers/scanner/qr_decode.h"
#include "scanner_sim_process.h"

using namespace kiosk::scanner;
using scanner_test::TempDir;

extern char** environ;

namespace {

const std::vector<std::string> kTexts = {"ZWCASE:1:SL20261120000123:8K3Q", "ZWLOGIN:1:demo-login-wang-0001abcd",
                                         "https://zwfw.example.gov.cn/case/SL20261118000045?from=kiosk",
                                         "政务服务中心 24小时自助区"};

/// Runs a program (no shell) and returns its exit status; stdout to `out_path` if given.
int run(std::vector<std::string> args, const std::string& out_path = "") {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (!out_path.empty()) posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string qrencode_png(const TempDir& dir, const std::string& text, int module_px, const std::string& name) {
    std::string path = dir.path + "/" + name + ".png";
    REQUIRE(run({"qrencode", "-o", path, "-s", std::to_string(module_px), "-m", "4", "-l", "M", text}) == 0);
    return path;
}

LumaImage load(const std::string& path) {
    auto img = load_luma_image(path);
    REQUIRE_MESSAGE(img.ok(), img.error().message);
    return std::move(*img);
}

uint8_t sample(const LumaImage& src, double x, double y) {
    // Bilinear; outside the image is white paper.
    auto px = [&](int xi, int yi) -> double {
        if (xi < 0 || yi < 0 || xi >= src.width || yi >= src.height) return 255;
        return src.pixels[static_cast<size_t>(yi) * src.width + xi];
    };
    int x0 = static_cast<int>(std::floor(x)), y0 = static_cast<int>(std::floor(y));
    double fx = x - x0, fy = y - y0;
    double v = px(x0, y0) * (1 - fx) * (1 - fy) + px(x0 + 1, y0) * fx * (1 - fy) + px(x0, y0 + 1) * (1 - fx) * fy +
               px(x0 + 1, y0 + 1) * fx * fy;
    return static_cast<uint8_t>(std::lround(v));
}

/// Rotates by `degrees` about the centre and scales by `scale`, onto a canvas big enough to hold it.
LumaImage transform(const LumaImage& src, double degrees, double scale) {
    double a = degrees * M_PI / 180.0, c = std::cos(a), s = std::sin(a);
    double w = src.width * scale, h = src.height * scale;
    int side = static_cast<int>(std::ceil(std::abs(w * c) + std::abs(h * s))) + 8;
    LumaImage out{side, side, std::vector<uint8_t>(static_cast<size_t>(side) * side, 255)};
    double cx = side / 2.0, cy = side / 2.0, sx = src.width / 2.0, sy = src.height / 2.0;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            double dx = (x - cx) / scale, dy = (y - cy) / scale;  // inverse mapping
            out.pixels[static_cast<size_t>(y) * side + x] = sample(src, c * dx + s * dy + sx, -s * dx + c * dy + sy);
        }
    return out;
}

/// Gaussian sensor noise plus a fraction of salt-and-pepper pixels, reproducibly.
void add_noise(LumaImage& img, double sigma, double salt_fraction, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> gauss(0, sigma);
    std::uniform_real_distribution<double> u(0, 1);
    for (auto& p : img.pixels) {
        double v = p + gauss(rng);
        if (u(rng) < salt_fraction) v = u(rng) < 0.5 ? 0 : 255;
        p = static_cast<uint8_t>(std::clamp(v, 0.0, 255.0));
    }
}

/// Low contrast and uneven light: what a receipt under a kiosk's lamp looks like.
void dim(LumaImage& img) {
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            auto& p = img.pixels[static_cast<size_t>(y) * img.width + x];
            double light = 0.55 + 0.35 * x / img.width;
            p = static_cast<uint8_t>(40 + p * 0.6 * light);
        }
}

std::vector<std::string> decode(const LumaImage& img) {
    auto r = decode_luminance(img.view());
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    return *r;
}

}  // namespace

TEST_CASE("codes made by qrencode decode from PNG files, Chinese text included") {
    TempDir dir;
    for (size_t i = 0; i < kTexts.size(); ++i) {
        auto path = qrencode_png(dir, kTexts[i], 4, "q" + std::to_string(i));
        auto texts = decode_image_file(path);
        REQUIRE_MESSAGE(texts.ok(), texts.error().message);
        CHECK(texts->at(0) == kTexts[i]);
    }
}

TEST_CASE("qrencode codes still decode rotated by 7, 33, 90 and 180 degrees") {
    TempDir dir;
    auto src = load(qrencode_png(dir, kTexts[0], 5, "r"));
    for (double deg : {7.0, 33.0, 90.0, 180.0}) {
        CAPTURE(deg);
        CHECK(decode(transform(src, deg, 1.0)).at(0) == kTexts[0]);
    }
}

TEST_CASE("qrencode codes still decode scaled down to 2 pixels a module and up to 13") {
    TempDir dir;
    auto src = load(qrencode_png(dir, kTexts[2], 5, "s"));
    for (double scale : {0.45, 2.6}) {
        CAPTURE(scale);
        CHECK(decode(transform(src, 0, scale)).at(0) == kTexts[2]);
    }
}

TEST_CASE("a noisy, dim, slightly rotated code decodes and pure noise gives NotFound") {
    TempDir dir;
    auto img = transform(load(qrencode_png(dir, kTexts[1], 6, "n")), 12, 1.2);
    dim(img);
    // sigma 15 grey levels and 1% dead pixels on a dimmed, unevenly lit code (zbarimg fails on it)
    add_noise(img, 15, 0.01, 7);
    CHECK(decode(img).at(0) == kTexts[1]);

    LumaImage noise{320, 240, std::vector<uint8_t>(320 * 240, 128)};
    add_noise(noise, 80, 0.3, 3);
    auto r = decode_luminance(noise.view());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == kiosk::Errc::NotFound);
}

TEST_CASE("codes made by ZXing's writer decode from PNG and from a quality-40 JPEG") {
    TempDir dir;
    for (size_t i = 0; i < kTexts.size(); ++i) {
        auto img = encode_qr(kTexts[i], 3, 4, 2);
        REQUIRE(img.ok());
        std::string png = dir.path + "/z" + std::to_string(i) + ".png", jpg = dir.path + "/z" + std::to_string(i) + ".jpg";
        REQUIRE(save_png(*img, png).ok());
        REQUIRE(save_jpeg(*img, jpg, 40).ok());
        CHECK(decode_image_file(png).value().at(0) == kTexts[i]);
        CHECK(decode_image_file(jpg).value().at(0) == kTexts[i]);
    }
}

TEST_CASE("a ZXing-made code is also read by zbarimg, an independent decoder") {
    TempDir dir;
    auto img = encode_qr(kTexts[0], 4, 4, 5);
    REQUIRE(img.ok());
    std::string png = dir.path + "/zb.png", out = dir.path + "/zb.txt";
    REQUIRE(save_png(*img, png).ok());
    REQUIRE(run({"zbarimg", "--nodbus", "-q", "--raw", png}, out) == 0);
    std::ifstream in(out);
    std::string line;
    std::getline(in, line);
    CHECK(line == kTexts[0]);
}

TEST_CASE("a YUYV 1280x720 camera frame decodes in place with pixel stride 2") {
    auto code = encode_qr(kTexts[0], 4, 4, 2);
    REQUIRE(code.ok());
    auto rotated = transform(*code, 20, 1.0);
    const int w = 1280, h = 720;
    std::vector<uint8_t> yuyv(static_cast<size_t>(w) * h * 2);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            int rx = x - 700, ry = y - 200;
            uint8_t lum = (rx >= 0 && ry >= 0 && rx < rotated.width && ry < rotated.height)
                              ? rotated.pixels[static_cast<size_t>(ry) * rotated.width + rx]
                              : static_cast<uint8_t>(180 + (x + y) % 40);  // a grey, textured background
            yuyv[(static_cast<size_t>(y) * w + x) * 2] = lum;
            yuyv[(static_cast<size_t>(y) * w + x) * 2 + 1] = 128;  // U/V: no colour
        }
    auto r = decode_luminance(LumaView{yuyv.data(), w, h, w * 2, 2}, DecodeOptions{.try_harder = false});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->at(0) == kTexts[0]);
}

TEST_CASE("two codes in one image are both returned") {
    auto a = encode_qr(kTexts[0], 3, 4, 2), b = encode_qr(kTexts[2], 3, 4, 2);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    LumaImage both{a->width + b->width, std::max(a->height, b->height), {}};
    both.pixels.assign(static_cast<size_t>(both.width) * both.height, 255);
    for (int y = 0; y < a->height; ++y)
        for (int x = 0; x < a->width; ++x) both.pixels[static_cast<size_t>(y) * both.width + x] = a->pixels[static_cast<size_t>(y) * a->width + x];
    for (int y = 0; y < b->height; ++y)
        for (int x = 0; x < b->width; ++x)
            both.pixels[static_cast<size_t>(y) * both.width + a->width + x] = b->pixels[static_cast<size_t>(y) * b->width + x];
    auto texts = decode(both);
    std::sort(texts.begin(), texts.end());
    CHECK(texts == std::vector<std::string>{kTexts[0], kTexts[2]});  // sorted: 'Z' < 'h'
}

TEST_CASE("missing files, non-images, truncated PNGs, blank images and bad geometry give errors, not crashes") {
    TempDir dir;
    CHECK(decode_image_file(dir.path + "/absent.png").error().code == kiosk::Errc::Io);
    std::ofstream(dir.path + "/text.png") << "not a png";
    CHECK(decode_image_file(dir.path + "/text.png").error().code == kiosk::Errc::InvalidInput);

    auto png = qrencode_png(dir, kTexts[0], 4, "t");
    std::string bytes;
    {
        std::ifstream in(png, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::ofstream(dir.path + "/cut.png", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    CHECK_FALSE(decode_image_file(dir.path + "/cut.png").ok());

    LumaImage blank{200, 200, std::vector<uint8_t>(200 * 200, 255)};
    REQUIRE(save_png(blank, dir.path + "/blank.png").ok());
    CHECK(decode_image_file(dir.path + "/blank.png").error().code == kiosk::Errc::NotFound);

    uint8_t px[4] = {};
    CHECK(decode_luminance(LumaView{px, 0, 1, 0, 1}).error().code == kiosk::Errc::InvalidInput);
    CHECK(decode_luminance(LumaView{nullptr, 2, 2, 2, 1}).error().code == kiosk::Errc::InvalidInput);
    CHECK(decode_luminance(LumaView{px, 4, 1, 2, 1}).error().code == kiosk::Errc::InvalidInput);
}

TEST_CASE("the committed fixture images decode to their file names' codes") {
    auto r = decode_image_file(std::string(KIOSK_TEST_DATA) + "/qr/case-receipt-qrencode.png");
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->at(0) == "ZWCASE:1:SL20261120000123:8K3Q");
    auto none = decode_image_file(std::string(KIOSK_TEST_DATA) + "/qr/no-code.png");
    CHECK(none.error().code == kiosk::Errc::NotFound);
}
