// Pictograms for the home and copy tiles, drawn as vector shapes with SDL geometry (no font, no image file).
#pragma once

#include <SDL.h>

#include <optional>
#include <string>

namespace kiosk::ui {

/// One pictogram a service: what a citizen who reads neither language should still recognise.
enum class Icon {
    None,
    Certificate,  ///< a sheet with a seal and a ribbon (证明打印)
    CaseSearch,   ///< a magnifying glass over a sheet (办件查询)
    Forms,        ///< a clipboard with ticked lines (表格打印)
    Guide,        ///< an open book (办事指南)
    Map,          ///< a location pin (楼层与电梯)
    Copy,         ///< two overlapping sheets (复印)
    Rating,       ///< a star (好差评)
    Help,         ///< a person with a raised hand (呼叫帮办)
    HallInfo,     ///< an "i" (大厅信息)
    IdCard,       ///< a card with a portrait and lines (复印身份证)
};

/// The icon named `name` ("certificate", "case_search", …); nothing for an unknown name.
std::optional<Icon> icon_named(const std::string& name);
const char* icon_name(Icon);

/// Draws `icon` in `fg` inside the square `box` on a background of `bg` (outlines are cut out
/// of filled shapes in `bg`, so the background must be that flat colour).
void draw_icon(SDL_Renderer* r, Icon icon, SDL_Rect box, SDL_Color fg, SDL_Color bg);

}  // namespace kiosk::ui
