{
 "algorithm": "ed25519",
 "format": 1,
 "key": "cr8M61TmegjcaNc5jfWG1cOTOTED788qT+DPV8+Np3s=",
 "signature": "yNokHec9RHZYzNaVRIXzbsTd7fKH8x6aLZRbl072oV3VUB+O57HAsjHI796wmlkHnc0YJ/JYkfYAY21p89X7Cw=="
}
