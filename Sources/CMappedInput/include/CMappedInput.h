#ifndef CMAPPEDINPUT_H
#define CMAPPEDINPUT_H

#include <stddef.h>

// Guarded read-only file mappings: a read past the end of a file that another process
// truncated while it was mapped raises SIGBUS. For a guarded mapping, the handler maps
// zero pages over it instead, so the reader finishes on zeros, and records the fault so
// the caller throws the result away and reports the truncation. Any other SIGBUS goes to
// whatever handled it before (by default: the process dies, as without this code).

/// Registers [base, base + length) as a guarded mapping (installing the SIGBUS handler on
/// first use). Returns a slot number for the calls below, or -1 when none is free or the
/// handler could not be installed (the mapping then is simply not guarded).
int crumbs_guard_mapping(void *base, size_t length);

/// 1 when a SIGBUS inside the slot's range was caught since it was registered, else 0.
int crumbs_guard_faulted(int slot);

/// Stops guarding the slot's range; call before unmapping it.
void crumbs_unguard_mapping(int slot);

#endif
