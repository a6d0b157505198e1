# kioskctl print / printer: the printer library.
list(APPEND KIOSKCTL_LIBS kiosk_printer nlohmann_json::nlohmann_json)
