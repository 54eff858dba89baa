#ifndef EVALCTL_CLD2_H
#define EVALCTL_CLD2_H

// A C face for the parts of CLD2 (Compact Language Detector 2, Debian's libcld2) that evalctl
// uses, so that Swift calls it without C++ interoperability.

#ifdef __cplusplus
extern "C" {
#endif

/// What CLD2 found in one text.
typedef struct {
    /// The language's code as CLD2 names it ("en", "zh-Hant", "un" when it found none).
    char code[16];
    /// Percentage of the text's scored bytes in that language.
    int percent;
    /// Whether CLD2 judged the answer reliable.
    int reliable;
    /// Bytes CLD2 scored (letters it could use).
    int textBytes;
} evalctl_cld2_guess;

/// Identifies the language of plain UTF-8 text. Returns 0 when the text is not valid UTF-8.
///
/// With `bestEffort`, short text gets CLD2's best guess, which is English when CLD2 has no
/// evidence at all ("xqzv wpt kjh"); without it, such text is "un".
int evalctl_cld2_identify(const char *text, int length, int bestEffort, evalctl_cld2_guess *guess);

/// CLD2's version text.
const char *evalctl_cld2_version(void);

#ifdef __cplusplus
}
#endif

#endif
