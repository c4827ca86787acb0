// DCMCExpressions
