// Issue 13 item 5: each tile pictogram is drawn as shapes (not a character), and each looks different from every other.
#include <doctest/doctest.h>

#include <SDL.h>

#include <set>
#include <vector>

#include "kiosk/ui/icons.h"

using namespace kiosk::ui;

namespace {

/// The pictogram drawn white on blue in a 64 × 64 box, as a bitmap of lit pixels.
std::vector<bool> drawn(Icon icon) {
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer* r = SDL_CreateSoftwareRenderer(s);
    SDL_SetRenderDrawColor(r, 0x0B, 0x62, 0xC4, 0xFF);
    SDL_RenderClear(r);
    draw_icon(r, icon, {0, 0, 64, 64}, {0xFF, 0xFF, 0xFF, 0xFF}, {0x0B, 0x62, 0xC4, 0xFF});
    SDL_RenderPresent(r);
    std::vector<bool> lit(64 * 64);
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x) lit[size_t(y * 64 + x)] = static_cast<Uint8*>(s->pixels)[y * s->pitch + x * 4] > 0x80;
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    return lit;
}

const Icon kAll[] = {Icon::Certificate, Icon::CaseSearch, Icon::Forms, Icon::Guide, Icon::Map,
                     Icon::Copy, Icon::Rating, Icon::Help, Icon::HallInfo, Icon::IdCard};

}  // namespace

TEST_CASE("every tile pictogram covers a fair part of its box and differs from every other by many pixels") {
    std::vector<std::vector<bool>> seen;
    for (Icon i : kAll) {
        auto lit = drawn(i);
        int n = 0;
        for (bool b : lit) n += b;
        INFO(icon_name(i) << ": " << n << " of 4096 pixels lit");
        CHECK(n > 4096 / 10);   // a shape, not a speck
        CHECK(n < 4096 * 8 / 10);  // not a filled square
        for (size_t k = 0; k < seen.size(); ++k) {
            int diff = 0;
            for (size_t p = 0; p < lit.size(); ++p) diff += lit[p] != seen[k][p];
            INFO("against " << icon_name(kAll[k]));
            CHECK(diff > 200);
        }
        seen.push_back(lit);
    }
}

TEST_CASE("icons are found by name and an unknown name gives none") {
    for (Icon i : kAll) {
        auto back = icon_named(icon_name(i));
        REQUIRE(back);
        CHECK(*back == i);
    }
    CHECK(!icon_named("证"));
    CHECK(!icon_named(""));
}
