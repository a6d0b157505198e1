{
 "algorithm": "ed25519",
 "format": 1,
 "key": "cr8M61TmegjcaNc5jfWG1cOTOTED788qT+DPV8+Np3s=",
 "signature": "CuX1wJYw9u+h5mgG3K9QEPazljxAlJOqIgG2cM/looUmzn4DmhL5++qC6z5PcnlvgWVo2WPU7YmVqLkkiYQSAA=="
}
