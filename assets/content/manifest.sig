{
 "algorithm": "ed25519",
 "format": 1,
 "key": "cr8M61TmegjcaNc5jfWG1cOTOTED788qT+DPV8+Np3s=",
 "signature": "88WHgZy6o1jcKtmZk7MfajQSpOFLsmzpr5bXW2q9LVicC2tOBinhQ1z0hUpU7dQt3Fi4+nm77jhnc9g+VScgCg=="
}
