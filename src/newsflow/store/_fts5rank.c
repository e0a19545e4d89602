/* nf_bm25: FTS5's BM25, with the statistics handed in.
 *
 * FTS5's own bm25() weighs each phrase of a query by reading the phrase's whole
 * posting list once per query (its IDF). On a large archive that pass costs more
 * than finding and scoring the newest matches. The caller (search/sqlite_fts.py)
 * already knows the statistics (the recent tier's row count, average size and each
 * phrase's hits, cached), so this function takes them as arguments and does only the
 * per-row part, exactly as fts5_aux.c does it:
 *
 *   nf_bm25(fts_table, avgdl, idf, w0, w1, ...)
 *
 * avgdl: the average row size in tokens; idf: a blob of one native double per phrase
 * of the MATCH expression, in the order FTS5 numbers them (a phrase past the end of
 * the blob weighs 0); w0, w1, ...: column weights as bm25() takes them (a column past
 * the last weight weighs 1). The result is the BM25 score, higher is better (bm25()
 * returns its negation).
 *
 * The module registers the function with sqlite3_auto_extension, so every SQLite
 * connection the process opens afterwards has it; the Python side imports it before
 * it opens any (store/fts5rank.py, called by store/database.py).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <sqlite3.h>
#include <string.h>

#define K1 1.2
#define B 0.75
#define STACK 32

static void nf_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
                    sqlite3_value **apVal) {
    if (nVal < 2) {
        sqlite3_result_error(ctx, "nf_bm25(table, avgdl, idf, weights...): avgdl and idf expected", -1);
        return;
    }
    double avgdl = sqlite3_value_double(apVal[0]);
    const unsigned char *blob = sqlite3_value_blob(apVal[1]);
    int nIdf = sqlite3_value_bytes(apVal[1]) / (int)sizeof(double);
    int nPhrase = api->xPhraseCount(fts);
    int nCol = api->xColumnCount(fts);
    double freqStack[STACK], weightStack[STACK];
    double *freq = freqStack, *weight = weightStack;
    if (nPhrase > STACK || nCol > STACK) {
        freq = sqlite3_malloc64(sizeof(double) * (sqlite3_uint64)(nPhrase + nCol));
        if (freq == NULL) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        weight = freq + nPhrase;
    }
    for (int i = 0; i < nPhrase; i++) freq[i] = 0.0;
    for (int c = 0; c < nCol; c++) weight[c] = (c + 2 < nVal) ? sqlite3_value_double(apVal[c + 2]) : 1.0;

    int nInst = 0, nTok = 0, rc = api->xInstCount(fts, &nInst);
    for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
        int ip, ic, io;
        rc = api->xInst(fts, i, &ip, &ic, &io);
        if (rc == SQLITE_OK && ip >= 0 && ip < nPhrase && ic >= 0 && ic < nCol) freq[ip] += weight[ic];
    }
    if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &nTok);
    if (rc == SQLITE_OK) {
        double norm = avgdl > 0.0 ? K1 * (1.0 - B + B * (double)nTok / avgdl) : K1;
        double score = 0.0;
        for (int i = 0; i < nPhrase && i < nIdf; i++) {
            if (freq[i] != 0.0) {
                double idf;
                memcpy(&idf, blob + (size_t)i * sizeof(double), sizeof(double));
                score += idf * (freq[i] * (K1 + 1.0)) / (freq[i] + norm);
            }
        }
        sqlite3_result_double(ctx, score);
    } else {
        sqlite3_result_error_code(ctx, rc);
    }
    if (freq != freqStack) sqlite3_free(freq);
}

static int nf_init(sqlite3 *db, char **pzErrMsg, const void *pThunk) {
    (void)pzErrMsg;
    (void)pThunk;
    fts5_api *api = NULL;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return SQLITE_OK; /* a build without FTS5: nothing to add */
    }
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (api != NULL && api->iVersion >= 2) api->xCreateFunction(api, "nf_bm25", NULL, nf_bm25, NULL);
    return SQLITE_OK;
}

static PyObject *install(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    int rc = sqlite3_auto_extension((void (*)(void))nf_init);
    if (rc != SQLITE_OK) {
        PyErr_Format(PyExc_RuntimeError, "sqlite3_auto_extension failed: %d", rc);
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *library_version(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    return PyUnicode_FromString(sqlite3_libversion());
}

static PyMethodDef methods[] = {
    {"install", install, METH_NOARGS,
     "Give every SQLite connection opened from now on the FTS5 function nf_bm25."},
    {"library_version", library_version, METH_NOARGS,
     "The version of the SQLite library this module is linked with."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fts5rank", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__fts5rank(void) { return PyModule_Create(&module); }
