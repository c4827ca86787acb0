#ifndef DCMC_CLIBYAML_SHIM_H
#define DCMC_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
