list(APPEND KIOSKCTL_LIBS kiosk_idcard)
