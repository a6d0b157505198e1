# kioskctl scan …: the scanner library and JSON output.
list(APPEND KIOSKCTL_LIBS kiosk_scanner nlohmann_json::nlohmann_json)
