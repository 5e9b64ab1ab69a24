#ifndef GOODNEWS_CSQLITE_SHIM_H
#define GOODNEWS_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import: make SQLite copy bound text and blobs.
static inline sqlite3_destructor_type goodnews_sqlite_transient(void) { return SQLITE_TRANSIENT; }
// SQLITE_STATIC: the caller keeps the bytes alive until the statement is reset or rebound.
static inline sqlite3_destructor_type goodnews_sqlite_static(void) { return SQLITE_STATIC; }

// FTS5's own tokenizers, for code that must split text exactly as an FTS5 table does
// (sqlite.org/fts5.html §7, "Extending FTS5"): the fts5_api pointer comes from `SELECT fts5(?1)`.
typedef struct goodnews_fts5_tokenizer {
    fts5_tokenizer methods;
    Fts5Tokenizer *instance;
} goodnews_fts5_tokenizer;

typedef int (*goodnews_fts5_token_callback)(void *context, int flags, const char *token, int length,
                                            int start, int end);

/// Creates tokenizer `name` with `arguments` (as in `tokenize = 'name arg…'`); SQLITE_OK or an error code.
/// The tokenizer may be used while `db` stays open, by one thread at a time.
static inline int goodnews_fts5_tokenizer_open(sqlite3 *db, const char *name, const char **arguments,
                                               int count, goodnews_fts5_tokenizer *out) {
    fts5_api *api = 0;
    sqlite3_stmt *statement = 0;
    out->instance = 0;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, 0);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", 0);
    sqlite3_step(statement);
    rc = sqlite3_finalize(statement);
    if (rc != SQLITE_OK) return rc;
    if (api == 0 || api->iVersion < 2) return SQLITE_ERROR;
    void *userData = 0;
    rc = api->xFindTokenizer(api, name, &userData, &out->methods);
    if (rc != SQLITE_OK) return rc;
    return out->methods.xCreate(userData, arguments, count, &out->instance);
}

static inline int goodnews_fts5_tokenize(goodnews_fts5_tokenizer *tokenizer, void *context, const char *text,
                                         int length, goodnews_fts5_token_callback callback) {
    return tokenizer->methods.xTokenize(tokenizer->instance, context, FTS5_TOKENIZE_DOCUMENT, text, length,
                                        callback);
}

static inline void goodnews_fts5_tokenizer_close(goodnews_fts5_tokenizer *tokenizer) {
    if (tokenizer->instance) tokenizer->methods.xDelete(tokenizer->instance);
    tokenizer->instance = 0;
}
#endif
