#ifndef DCMC_CLIBPQ_SHIM_H
#define DCMC_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
