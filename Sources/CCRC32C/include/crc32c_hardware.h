// CRC-32C with the processor's own instruction (SSE 4.2 `crc32` on x86-64), for DCMCStore's
// `CRC32C`, which keeps its table version for other processors and checks both agree in tests.
#ifndef DCMC_CRC32C_HARDWARE_H
#define DCMC_CRC32C_HARDWARE_H

#include <stddef.h>
#include <stdint.h>

// 1 when this processor has the instruction (x86-64 with SSE 4.2), else 0.
int dcmc_crc32c_hardware_available(void);

// The CRC register after `count` bytes at `bytes`, from `state`: the register as the
// instruction keeps it (the caller inverts it before and after). Only call when available.
uint32_t dcmc_crc32c_hardware_update(uint32_t state, const void *bytes, size_t count);

#endif
