#ifndef GOODNEWS_CSQLITE_SHIM_H
#define GOODNEWS_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import: make SQLite copy bound text and blobs.
static inline sqlite3_destructor_type goodnews_sqlite_transient(void) { return SQLITE_TRANSIENT; }
// SQLITE_STATIC: the caller keeps the bytes alive until the statement is reset or rebound.
static inline sqlite3_destructor_type goodnews_sqlite_static(void) { return SQLITE_STATIC; }
#endif
