#include <cstdio>
#include <cstring>
#include <cld2/public/compact_lang_det.h>

#include "evalctl_cld2.h"

extern "C" int evalctl_cld2_identify(const char *text, int length, int bestEffort, evalctl_cld2_guess *guess) {
    CLD2::Language top3[3];
    int percent3[3];
    double scores3[3];
    int textBytes = 0;
    bool reliable = false;
    int validPrefix = 0;
    // Best effort: short texts (a clause of an answer) get CLD2's best guess instead of "unknown"
    // (English when nothing scored); the caller weighs it by `reliable` and `percent`.
    CLD2::Language language = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        text, length, true, nullptr, bestEffort ? CLD2::kCLDFlagBestEffort : 0, top3, percent3, scores3, nullptr, &textBytes, &reliable, &validPrefix);
    const char *code = CLD2::LanguageCode(language);
    std::strncpy(guess->code, code ? code : "un", sizeof(guess->code) - 1);
    guess->code[sizeof(guess->code) - 1] = 0;
    guess->percent = percent3[0];
    guess->reliable = reliable ? 1 : 0;
    guess->textBytes = textBytes;
    return validPrefix == length ? 1 : 0;
}

extern "C" const char *evalctl_cld2_version(void) {
    return CLD2::DetectLanguageVersion();
}
