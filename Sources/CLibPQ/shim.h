#ifndef DCMC_CLIBPQ_SHIM_H
#define DCMC_CLIBPQ_SHIM_H
// The declarations only: dcmc loads libpq when a command opens a PostgreSQL store
// (DCMCPostgres, LibPQ.swift), so the commands on a store directory never load it.
#include <postgresql/libpq-fe.h>
#endif
