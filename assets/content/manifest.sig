{
 "algorithm": "ed25519",
 "format": 1,
 "key": "cr8M61TmegjcaNc5jfWG1cOTOTED788qT+DPV8+Np3s=",
 "signature": "Leu58pERyudkRNl37W/iWKNf5VXTMRN44cfM03ldF0ZvmV8072FSQ1fp6+/MY02Rhh6FTCCHndYL0leA6lS/AQ=="
}
