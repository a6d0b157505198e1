list(APPEND KIOSKCTL_LIBS kiosk_content)
