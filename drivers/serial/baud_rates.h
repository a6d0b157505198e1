// The one table of serial line rates (baud ↔ termios speed), for the serial port and the ID-card simulator's pseudo-terminal.
#pragma once

#include <termios.h>

namespace kiosk {

struct BaudRate {
    int baud;
    speed_t speed;
};

/// The standard rates termios can set, 1200 … 921600.
inline constexpr BaudRate kBaudRates[] = {{1200, B1200},     {2400, B2400},     {4800, B4800},
                                          {9600, B9600},     {19200, B19200},   {38400, B38400},
                                          {57600, B57600},   {115200, B115200}, {230400, B230400},
                                          {460800, B460800}, {921600, B921600}};

/// The termios speed of `baud`; 0 when it is not a standard rate.
constexpr speed_t speed_for_baud(int baud) {
    for (const auto& r : kBaudRates)
        if (r.baud == baud) return r.speed;
    return 0;
}

/// The baud rate of a termios speed; 0 when it is none of the table's.
constexpr int baud_for_speed(speed_t speed) {
    for (const auto& r : kBaudRates)
        if (r.speed == speed) return r.baud;
    return 0;
}

}  // namespace kiosk
