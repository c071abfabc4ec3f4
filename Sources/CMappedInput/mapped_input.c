// SIGBUS guard for memory-mapped inputs; see include/CMappedInput.h.
//
// Written in C because a signal handler may only do async-signal-safe things, which Swift
// code cannot promise. The handler reads lock-free atomics and calls mmap(2), sigaction(2)
// and raise(3) only. (mmap is not on POSIX's async-signal-safe list, but on Linux and the
// BSDs it is a plain system call that takes no user-space lock; JVMs and databases use the
// same technique for truncated mappings.)

#define _GNU_SOURCE
#include "CMappedInput.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

enum { SLOT_FREE = 0, SLOT_CLAIMED = 1, SLOT_ACTIVE = 2, SLOT_COUNT = 64 };

struct guarded_range {
  atomic_int state;
  atomic_uintptr_t base;
  atomic_size_t length;
  atomic_int faulted;
};

static struct guarded_range ranges[SLOT_COUNT];
static struct sigaction previous_action;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static atomic_int installed;

static void on_sigbus(int sig, siginfo_t *info, void *context) {
  uintptr_t address = (uintptr_t)info->si_addr;
  for (int i = 0; i < SLOT_COUNT; i++) {
    if (atomic_load(&ranges[i].state) != SLOT_ACTIVE) continue;
    uintptr_t base = atomic_load(&ranges[i].base);
    size_t length = atomic_load(&ranges[i].length);
    if (address < base || address - base >= length) continue;
    // Zero pages over the whole mapping: the faulting read (and any other thread's read of
    // the same mapping) now sees zeros instead of faulting again. Its result is discarded.
    void *p = mmap((void *)base, length, PROT_READ, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) break;
    atomic_store(&ranges[i].faulted, 1);
    return;
  }
  // Not a guarded mapping: put the previous disposition back and let the signal happen
  // again under it. A fault re-executes the instruction on return; a SIGBUS sent with
  // kill(2) (si_code <= 0) is raised again (it stays pending until this handler returns).
  if ((previous_action.sa_flags & SA_SIGINFO) && previous_action.sa_sigaction != NULL) {
    previous_action.sa_sigaction(sig, info, context);
    return;
  }
  struct sigaction fallback = previous_action;
  if (fallback.sa_handler == SIG_IGN) fallback.sa_handler = SIG_DFL;  // a fault cannot be ignored
  sigaction(SIGBUS, &fallback, NULL);
  if (info->si_code <= 0) raise(SIGBUS);
}

static void install(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = on_sigbus;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGBUS, &action, &previous_action) == 0) atomic_store(&installed, 1);
}

int crumbs_guard_mapping(void *base, size_t length) {
  pthread_once(&install_once, install);
  if (!atomic_load(&installed) || base == NULL || length == 0) return -1;
  for (int i = 0; i < SLOT_COUNT; i++) {
    int expected = SLOT_FREE;
    if (!atomic_compare_exchange_strong(&ranges[i].state, &expected, SLOT_CLAIMED)) continue;
    atomic_store(&ranges[i].base, (uintptr_t)base);
    atomic_store(&ranges[i].length, length);
    atomic_store(&ranges[i].faulted, 0);
    atomic_store(&ranges[i].state, SLOT_ACTIVE);
    return i;
  }
  return -1;
}

int crumbs_guard_faulted(int slot) {
  if (slot < 0 || slot >= SLOT_COUNT) return 0;
  return atomic_load(&ranges[slot].faulted);
}

void crumbs_unguard_mapping(int slot) {
  if (slot < 0 || slot >= SLOT_COUNT) return;
  atomic_store(&ranges[slot].state, SLOT_FREE);
}
