#ifndef GOODNEWS_CPOSTGRESQL_SHIM_H
#define GOODNEWS_CPOSTGRESQL_SHIM_H
// libpq, declared here and loaded at run time (dlopen "libpq.so.5"), so that building goodnews
// needs no PostgreSQL package and running it needs libpq5 only for a postgresql:// database.
// The declarations copy libpq-fe.h's ABI, stable across libpq.so.5; scripts/check-libpq-shim.sh
// compiles this file against the real header and fails on any difference.
#include <dlfcn.h>
#include <stddef.h>

#if defined(__clang__)
#define GOODNEWS_PQ_NONNULL _Nonnull
#else
#define GOODNEWS_PQ_NONNULL
#endif

// Each constant list is written once: it declares the enum here, or, after <libpq-fe.h> (whose
// include guard is LIBPQ_FE_H), becomes static assertions against the real values.
#define GOODNEWS_PQ_CONN_STATUS(X) X(CONNECTION_OK, 0) X(CONNECTION_BAD, 1)
#define GOODNEWS_PQ_EXEC_STATUS(X) \
    X(PGRES_EMPTY_QUERY, 0) X(PGRES_COMMAND_OK, 1) X(PGRES_TUPLES_OK, 2) X(PGRES_COPY_OUT, 3) \
    X(PGRES_COPY_IN, 4) X(PGRES_BAD_RESPONSE, 5) X(PGRES_NONFATAL_ERROR, 6) X(PGRES_FATAL_ERROR, 7) \
    X(PGRES_COPY_BOTH, 8) X(PGRES_SINGLE_TUPLE, 9)
#define GOODNEWS_PQ_TRANSACTION_STATUS(X) \
    X(PQTRANS_IDLE, 0) X(PQTRANS_ACTIVE, 1) X(PQTRANS_INTRANS, 2) X(PQTRANS_INERROR, 3) X(PQTRANS_UNKNOWN, 4)
#define GOODNEWS_PQ_DIAG_FIELDS(X) \
    X(PG_DIAG_SQLSTATE, 'C') X(PG_DIAG_MESSAGE_PRIMARY, 'M') X(PG_DIAG_CONSTRAINT_NAME, 'n') \
    X(PG_DIAG_TABLE_NAME, 't') X(PG_DIAG_COLUMN_NAME, 'c')

#ifndef LIBPQ_FE_H
#define GOODNEWS_PQ_ENUMERATOR(name, value) name = value,
typedef unsigned int Oid;
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef enum { GOODNEWS_PQ_CONN_STATUS(GOODNEWS_PQ_ENUMERATOR) } ConnStatusType;
typedef enum { GOODNEWS_PQ_EXEC_STATUS(GOODNEWS_PQ_ENUMERATOR) } ExecStatusType;
typedef enum { GOODNEWS_PQ_TRANSACTION_STATUS(GOODNEWS_PQ_ENUMERATOR) } PGTransactionStatusType;
enum { GOODNEWS_PQ_DIAG_FIELDS(GOODNEWS_PQ_ENUMERATOR) };
typedef struct pgNotify {
    char *relname;
    int be_pid;
    char *extra;
    struct pgNotify *next;
} PGnotify;
typedef void (*PQnoticeProcessor)(void *arg, const char *message);
#undef GOODNEWS_PQ_ENUMERATOR
#endif

// Every libpq function the wrapper calls: return type, name, parameters.
#define GOODNEWS_PQ_FUNCTIONS(X) \
    X(int, PQlibVersion, (void)) \
    X(PGconn *, PQconnectdb, (const char *conninfo)) \
    X(void, PQfinish, (PGconn *conn)) \
    X(void, PQreset, (PGconn *conn)) \
    X(ConnStatusType, PQstatus, (const PGconn *conn)) \
    X(PGTransactionStatusType, PQtransactionStatus, (const PGconn *conn)) \
    X(char *, PQerrorMessage, (const PGconn *conn)) \
    X(int, PQsocket, (const PGconn *conn)) \
    X(int, PQbackendPID, (const PGconn *conn)) \
    X(int, PQserverVersion, (const PGconn *conn)) \
    X(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg)) \
    X(int, PQconsumeInput, (PGconn *conn)) \
    X(PGnotify *, PQnotifies, (PGconn *conn)) \
    X(void, PQfreemem, (void *ptr)) \
    X(PGresult *, PQexec, (PGconn *conn, const char *query)) \
    X(PGresult *, PQexecParams, (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, \
        const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat)) \
    X(PGresult *, PQprepare, (PGconn *conn, const char *stmtName, const char *query, int nParams, \
        const Oid *paramTypes)) \
    X(PGresult *, PQdescribePrepared, (PGconn *conn, const char *stmt)) \
    X(PGresult *, PQexecPrepared, (PGconn *conn, const char *stmtName, int nParams, \
        const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat)) \
    X(ExecStatusType, PQresultStatus, (const PGresult *res)) \
    X(char *, PQresultErrorField, (const PGresult *res, int fieldcode)) \
    X(char *, PQresultErrorMessage, (const PGresult *res)) \
    X(void, PQclear, (PGresult *res)) \
    X(int, PQntuples, (const PGresult *res)) \
    X(int, PQnfields, (const PGresult *res)) \
    X(char *, PQfname, (const PGresult *res, int field_num)) \
    X(int, PQfnumber, (const PGresult *res, const char *field_name)) \
    X(Oid, PQftype, (const PGresult *res, int field_num)) \
    X(int, PQfformat, (const PGresult *res, int field_num)) \
    X(int, PQnparams, (const PGresult *res)) \
    X(Oid, PQparamtype, (const PGresult *res, int param_num)) \
    X(char *, PQcmdTuples, (PGresult *res)) \
    X(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num)) \
    X(int, PQgetlength, (const PGresult *res, int tup_num, int field_num)) \
    X(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num))

/// The loaded functions, one field per name, called as `api.pointee.PQexec(conn, sql)`.
/// The fields are non-null (Swift calls them without unwrapping); libpq's own pointers keep
/// its unannotated meaning, hence the pragma.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wnullability-completeness"
#endif
#define GOODNEWS_PQ_FIELD(type, name, parameters) type (*GOODNEWS_PQ_NONNULL name) parameters;
typedef struct goodnews_pq {
    GOODNEWS_PQ_FUNCTIONS(GOODNEWS_PQ_FIELD)
} goodnews_pq;
#undef GOODNEWS_PQ_FIELD

/// Fills `api` from a dlopen'ed libpq; returns the name of the first missing symbol, or NULL.
static inline const char *goodnews_pq_load(void *library, goodnews_pq *api) {
#define GOODNEWS_PQ_LOAD(type, name, parameters) \
    if ((*(void **)&api->name = dlsym(library, #name)) == NULL) return #name;
    GOODNEWS_PQ_FUNCTIONS(GOODNEWS_PQ_LOAD)
#undef GOODNEWS_PQ_LOAD
    return NULL;
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif
#endif
