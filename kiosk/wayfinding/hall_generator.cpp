// Builds synthetic grid halls as map.json documents (they go through the real parser).
#include "hall_generator.h"

#include <string>

namespace kiosk::wayfinding {

namespace {
std::string node_id(int f, int r, int c) {
    return "F" + std::to_string(f) + "-" + std::to_string(r) + "-" + std::to_string(c);
}
}  // namespace

nlohmann::json generate_hall(const GeneratedHallSpec& s) {
    using nlohmann::json;
    json doc;
    doc["name"] = {{"zh-CN", "生成的大厅"}, {"en", "Generated hall"}};
    doc["route_url"] = "https://hall.example.gov.cn/route?from={from}&to={to}";
    json floors = json::array(), nodes = json::array(), edges = json::array(), pois = json::array(),
         windows = json::array();
    const double w = (s.cols - 1) * s.spacing_m, h = (s.rows - 1) * s.spacing_m;
    const int elev_col = s.cols / 2, elev_row = s.rows - 1;
    const int elevator_floors = s.elevator_floors < 0 ? s.floors : s.elevator_floors;
    int window_number = 1;
    for (int f = 1; f <= s.floors; ++f) {
        std::string fid = "F" + std::to_string(f);
        floors.push_back({{"id", fid}, {"level", f},
                          {"name", {{"zh-CN", std::to_string(f) + " 楼"}, {"en", std::to_string(f) + "F"}}},
                          {"outline", json::array({{-2, -2}, {w + 2, -2}, {w + 2, h + 2}, {-2, h + 2}})}});
        for (int r = 0; r < s.rows; ++r)
            for (int c = 0; c < s.cols; ++c) {
                nodes.push_back({{"id", node_id(f, r, c)}, {"floor", fid}, {"at", {c * s.spacing_m, r * s.spacing_m}}});
                if (c + 1 < s.cols) edges.push_back({{"from", node_id(f, r, c)}, {"to", node_id(f, r, c + 1)}});
                if (r + 1 < s.rows) edges.push_back({{"from", node_id(f, r, c)}, {"to", node_id(f, r + 1, c)}});
            }
        if (f <= elevator_floors) {
            pois.push_back({{"id", "elevator-" + fid}, {"kind", "elevator"}, {"floor", fid},
                            {"name", {{"zh-CN", "电梯"}, {"en", "elevator"}}}, {"node", node_id(f, elev_row, elev_col)}});
            for (int g = f + 1; g <= elevator_floors; ++g)
                edges.push_back({{"from", node_id(f, elev_row, elev_col)}, {"to", node_id(g, elev_row, elev_col)}, {"kind", "elevator"}});
        }
        if (s.stairs) {
            for (int c : {0, s.cols - 1}) {
                pois.push_back({{"id", "stairs-" + fid + "-" + std::to_string(c)}, {"kind", "stairs"}, {"floor", fid},
                                {"name", {{"zh-CN", "楼梯"}, {"en", "stairs"}}}, {"node", node_id(f, 0, c)}});
                if (f < s.floors)
                    edges.push_back({{"from", node_id(f, 0, c)}, {"to", node_id(f + 1, 0, c)}, {"kind", "stairs"}, {"length", 6}});
            }
        }
        pois.push_back({{"id", "wc-" + fid}, {"kind", "restroom"}, {"floor", fid},
                        {"name", {{"zh-CN", "卫生间"}, {"en", "restroom"}}}, {"node", node_id(f, s.rows / 2, s.cols - 1)}});
        for (int k = 0; k < s.windows_per_floor && k < s.cols; ++k) {
            double x = k * s.spacing_m, y = h;
            windows.push_back({{"number", window_number++}, {"floor", fid}, {"node", node_id(f, elev_row, k)},
                               {"polygon", json::array({{x - 1, y + 0.5}, {x + 1, y + 0.5}, {x + 1, y + 1.8}, {x - 1, y + 1.8}})}});
        }
    }
    doc["floors"] = floors;
    doc["nodes"] = nodes;
    doc["edges"] = edges;
    doc["pois"] = pois;
    doc["windows"] = windows;
    doc["kiosks"] = json::array({{{"id", "kiosk-1"}, {"node", node_id(1, 0, s.cols / 2)}, {"facing_deg", s.kiosk_facing_deg}}});
    return doc;
}

}  // namespace kiosk::wayfinding
