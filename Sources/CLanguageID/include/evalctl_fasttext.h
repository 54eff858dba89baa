#ifndef EVALCTL_FASTTEXT_H
#define EVALCTL_FASTTEXT_H

// A C face for fastText's language identification (Debian's libfasttext, a model such as lid.176),
// so that Swift calls it without C++ interoperability.

#ifdef __cplusplus
extern "C" {
#endif

/// A loaded fastText model.
typedef struct evalctl_fasttext evalctl_fasttext;

/// One predicted label.
typedef struct {
    /// The label without fastText's `__label__` prefix ("en", "pt", "zh").
    char code[16];
    /// Its probability.
    float probability;
} evalctl_fasttext_prediction;

/// Loads a model; on failure returns NULL and writes the reason into `error`.
evalctl_fasttext *evalctl_fasttext_load(const char *path, char *error, int errorLength);

/// Frees a model.
void evalctl_fasttext_free(evalctl_fasttext *model);

/// Predicts up to `k` labels of one line of UTF-8 text (line breaks are read as spaces), most
/// likely first. Returns how many were written. Safe to call from several threads at once.
int evalctl_fasttext_predict(const evalctl_fasttext *model, const char *text, int length, int k, evalctl_fasttext_prediction *out);

/// The model's labels: how many there are, and the code of one.
int evalctl_fasttext_label_count(const evalctl_fasttext *model);
int evalctl_fasttext_label(const evalctl_fasttext *model, int index, char *code, int codeLength);

#ifdef __cplusplus
}
#endif

#endif
