// DCMCChecker
