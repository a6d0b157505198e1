// Synthetic halls (grid floors, elevator, stairs, windows) as map.json documents, for tests and benchmarks.
#pragma once

#include <nlohmann/json.hpp>

namespace kiosk::wayfinding {

struct GeneratedHallSpec {
    int floors = 3;
    int rows = 5;              ///< grid rows per floor (y)
    int cols = 8;              ///< grid columns per floor (x)
    double spacing_m = 4;
    int elevator_floors = -1;  ///< floors the elevator serves from floor 1 (-1: all; 0: no elevator)
    bool stairs = true;        ///< two stairwells, at the west and east ends of row 0
    int windows_per_floor = 4; ///< along the last row, numbered from 1 across floors
    double kiosk_facing_deg = 0;
};

/// Node ids are "F<floor>-<row>-<col>" (floor from 1); the elevator stands at the middle of
/// the last row, the kiosk at the middle of row 0 on floor 1; windows' nodes sit on the
/// last row from column 0.
nlohmann::json generate_hall(const GeneratedHallSpec& spec);

}  // namespace kiosk::wayfinding
