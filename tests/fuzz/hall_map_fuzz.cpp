// libFuzzer target for the hall map parser: any JSON is a map or a list of problems; a map that parses routes between any two nodes without a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "kiosk/wayfinding/hall_map.h"
#include "kiosk/wayfinding/router.h"

using namespace kiosk::wayfinding;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto doc = nlohmann::json::parse(data, data + size, nullptr, false);
    if (doc.is_discarded()) return 0;
    std::vector<MapProblem> problems;
    auto map = parse_hall_map(doc, problems);
    if (!map) return 0;
    size_t n = map->nodes.size();
    if (n >= 2) {
        // Two nodes the input picks (its first bytes), and the last to the first.
        NodeIndex a = NodeIndex(data[0] % n), b = NodeIndex((size > 1 ? data[1] : 0) % n);
        (void)find_route(*map, a, b);
        (void)find_route(*map, NodeIndex(n - 1), NodeIndex(0));
    }
    return 0;
}
