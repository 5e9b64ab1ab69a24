#!/usr/bin/env bash
# Compiles Sources/CPostgreSQL/shim.h after the real <libpq-fe.h> (Debian's libpq-dev) and fails
# when a declared function type or constant differs from libpq's. The build itself never needs
# the header; this check is what keeps the hand-written declarations honest (run by .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
include=$(pg_config --includedir 2>/dev/null || echo /usr/include/postgresql)
[[ -f "$include/libpq-fe.h" ]] || { echo "check-libpq-shim: no $include/libpq-fe.h (apt-get install libpq-dev)" >&2; exit 1; }
compiler=$(command -v clang || command -v cc)
"$compiler" -std=c11 -fsyntax-only -Werror -I "$include" -I Sources/CPostgreSQL -x c - <<'C'
#include <stddef.h>
#include <libpq-fe.h>
#include "shim.h"
#define SAME_VALUE(name, value) _Static_assert(name == value, #name " differs from libpq-fe.h");
GOODNEWS_PQ_CONN_STATUS(SAME_VALUE)
GOODNEWS_PQ_EXEC_STATUS(SAME_VALUE)
GOODNEWS_PQ_TRANSACTION_STATUS(SAME_VALUE)
GOODNEWS_PQ_DIAG_FIELDS(SAME_VALUE)
#define SAME_TYPE(type, name, parameters) _Static_assert(__builtin_types_compatible_p( \
    __typeof__(&name), __typeof__(((goodnews_pq *)0)->name)), #name " differs from libpq-fe.h");
GOODNEWS_PQ_FUNCTIONS(SAME_TYPE)
_Static_assert(sizeof(Oid) == 4, "Oid");
_Static_assert(offsetof(PGnotify, relname) == 0 && offsetof(PGnotify, be_pid) == sizeof(char *)
    && offsetof(PGnotify, extra) == 2 * sizeof(char *), "PGnotify layout differs from libpq-fe.h");
C
echo "check-libpq-shim: shim.h matches $include/libpq-fe.h"
