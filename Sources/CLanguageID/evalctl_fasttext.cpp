#include <cstring>
#include <exception>
#include <sstream>
#include <string>
#include <vector>
#include <fasttext/fasttext.h>

#include "evalctl_fasttext.h"

struct evalctl_fasttext {
    fasttext::FastText model;
};

static void copyCode(const std::string &label, char *out, int length) {
    static const std::string prefix = "__label__";
    std::string code = label.compare(0, prefix.size(), prefix) == 0 ? label.substr(prefix.size()) : label;
    std::strncpy(out, code.c_str(), length - 1);
    out[length - 1] = 0;
}

extern "C" evalctl_fasttext *evalctl_fasttext_load(const char *path, char *error, int errorLength) {
    auto *loaded = new evalctl_fasttext();
    try {
        loaded->model.loadModel(std::string(path));
        return loaded;
    } catch (const std::exception &failure) {
        std::strncpy(error, failure.what(), errorLength - 1);
        error[errorLength - 1] = 0;
    } catch (...) {
        std::strncpy(error, "unknown error", errorLength - 1);
        error[errorLength - 1] = 0;
    }
    delete loaded;
    return nullptr;
}

extern "C" void evalctl_fasttext_free(evalctl_fasttext *model) { delete model; }

extern "C" int evalctl_fasttext_predict(const evalctl_fasttext *model, const char *text, int length, int k, evalctl_fasttext_prediction *out) {
    std::string line(text, length);
    for (char &c : line) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    line.push_back('\n');
    std::istringstream in(line);
    std::vector<std::pair<fasttext::real, std::string>> predictions;
    try {
        model->model.predictLine(in, predictions, k, 0.0);
    } catch (...) {
        return 0;
    }
    int count = 0;
    for (const auto &prediction : predictions) {
        if (count >= k) break;
        copyCode(prediction.second, out[count].code, sizeof(out[count].code));
        out[count].probability = prediction.first;
        count += 1;
    }
    return count;
}

extern "C" int evalctl_fasttext_label_count(const evalctl_fasttext *model) { return model->model.getDictionary()->nlabels(); }

extern "C" int evalctl_fasttext_label(const evalctl_fasttext *model, int index, char *code, int codeLength) {
    auto dictionary = model->model.getDictionary();
    if (index < 0 || index >= dictionary->nlabels()) return 0;
    copyCode(dictionary->getLabel(index), code, codeLength);
    return 1;
}
