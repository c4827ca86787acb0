// DCMCModel
