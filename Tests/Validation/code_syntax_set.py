#!/usr/bin/env python3
"""Builds the code-syntax validation set from code installed on this machine, labelled by the
real toolchains, one process per snippet.

Sources (nobody on the project wrote them): CPython's standard library (function and class
definitions), npm's and Debian's JavaScript, TypeScript's own declaration files (and JavaScript
parsed as TypeScript), the Swift package checkouts, bash-completion scripts and shell scripts in
/usr/bin, JSON and YAML files on the machine, SQL from GRDB's documentation, CPython's sqlite3
tests and the .sql files on the machine.

Half of the snippets are corrupted the way broken sampling corrupts code: a dropped bracket,
colon or quote, a stray token from another script, a cut in the middle of a line, a doubled
operator. Each snippet is then labelled by the real tool:

  python      python3 -m py_compile (CPython's compile())
  javascript  node --check x.cjs (CommonJS); if that fails only for module syntax, node --check x.mjs
  typescript  TypeScript's transpileModule diagnostics (Debian's node-typescript), i.e. its parser
  swift       swiftc -parse
  bash        bash -n
  json        Python's json module with NaN/Infinity rejected
  sql         sqlite3 -safe :memory: (the CLI): an error of the tokenizer or parser
  yaml        PyYAML compose_all with the pure-Python SafeLoader (not libyaml)

Files are split by a hash of their path: --split dev (20%) for development, --split test (80%)
held out. Writes evalctl score input lines with the label fields added.
"""
import argparse, ast, glob, hashlib, json, os, random, re, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

PER_LANGUAGE = 320          # snippets per language before the split (half corrupted)
MAX_BYTES = 6000            # answer-sized code
PYTHON_STDLIB = os.path.dirname(os.__file__)
TS_MODULE = os.environ.get("EVALCTL_TYPESCRIPT", "/usr/share/nodejs/typescript")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STRAY = ["ก", "ของ", "的", "是", "д", "ный", "の", "ا", "ה", "ü"]
MODULE_SIGNALS = [
    "Cannot use import statement outside a module", "Unexpected token 'export'",
    "Cannot use 'import.meta' outside a module",
    "await is only valid in async functions and the top level bodies of modules",
    "for await is only valid in async functions and the top level bodies of modules",
]


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def encodable(text):
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:  # lone surrogates from string escapes
        return False


def split_of(path):
    return "dev" if int(digest(path)[:8], 16) % 5 == 0 else "test"


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (UnicodeDecodeError, OSError):
        return None
    return text.replace("\r\n", "\n")


def files(patterns, excludes=()):
    """Paths matching glob patterns; `ROOT/**/NAME` walks ROOT with find(1), which is far faster."""
    found = set()
    for pattern in patterns:
        if "/**/" in pattern:
            root, name = pattern.split("/**/", 1)
            if not os.path.isdir(root):
                continue
            listing = subprocess.run(["find", root, "-xdev", "-type", "f", "-name", name, "-size", "-64k"], capture_output=True, text=True)
            paths = listing.stdout.splitlines()
        else:
            paths = glob.glob(pattern)
        for path in paths:
            if os.path.isfile(path) and not any(e in path for e in excludes):
                found.add(path)
    return sorted(found)


def small(paths, limit=MAX_BYTES):
    for path in paths:
        text = read(path)
        if text and 20 < len(text.encode()) <= limit and max(map(len, text.split("\n"))) < 400:
            yield path, text


def top_level_chunks(text, max_lines=60):
    """Cuts a brace language's file at lines where bracket depth returns to zero."""
    chunks, current, depth = [], [], 0
    for line in text.split("\n"):
        current.append(line)
        stripped = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|//.*', "", line)
        depth += stripped.count("{") + stripped.count("(") + stripped.count("[")
        depth -= stripped.count("}") + stripped.count(")") + stripped.count("]")
        if depth <= 0 and len(current) >= 3 and line.strip() in ("}", "};", "})", "});") or (depth <= 0 and len(current) >= max_lines):
            chunk = "\n".join(current).strip("\n")
            if chunk.strip():
                chunks.append(chunk)
            current, depth = [], 0
    return [c for c in chunks if 3 <= c.count("\n") + 1 <= max_lines]


def python_sources():
    paths = files([PYTHON_STDLIB + "/**/*.py"], excludes=("/test/", "/tests/", "lib2to3", "site-packages", "/idlelib/idle_test"))
    for path in paths:
        text = read(path)
        if not text:
            continue
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                segment = ast.get_source_segment(text, node, padded=True)
                if segment and 4 <= segment.count("\n") <= 80:
                    yield f"{path}:{node.lineno}", segment


def javascript_sources():
    paths = files(["/usr/share/nodejs/**/*.js", "/usr/lib/node_modules/**/*.js", "/usr/share/javascript/**/*.js"], excludes=(".min.js",))
    yield from small(paths)


def typescript_sources():
    for path in files([TS_MODULE + "/lib/*.d.ts"]):
        text = read(path)
        for index, chunk in enumerate(top_level_chunks(text or "")):
            yield f"{path}#{index}", chunk
    for path, text in javascript_sources():
        yield path + " (as TypeScript)", text


def swift_sources():
    paths = files([ROOT + "/.build/checkouts/**/*.swift"], excludes=("/Tests/", "/Benchmarks/"))
    for path in paths:
        text = read(path)
        if not text:
            continue
        if len(text.encode()) <= MAX_BYTES:
            yield path, text
        else:
            for index, chunk in enumerate(top_level_chunks(text)):
                yield f"{path}#{index}", chunk


def bash_sources():
    paths = files(["/usr/share/bash-completion/completions/*", "/usr/bin/*", "/usr/sbin/*", "/usr/lib/git-core/*"])
    for path, text in small(paths, limit=MAX_BYTES):
        first = text.split("\n", 1)[0]
        if path.startswith("/usr/share/bash-completion") or re.match(r"#!\s*/(usr/)?bin/(env )?(ba)?sh\b", first):
            yield path, text


def json_sources():
    yield from small(files(["/usr/share/**/*.json", "/usr/lib/node_modules/**/*.json", ROOT + "/.build/checkouts/**/*.json"]))


def yaml_sources():
    yield from small(files(["/usr/share/**/*.yml", "/usr/share/**/*.yaml", "/usr/lib/**/*.yml", "/usr/lib/**/*.yaml", ROOT + "/.build/checkouts/**/*.yml", ROOT + "/.build/checkouts/**/*.yaml", os.path.expanduser("~/.pyenv") + "/**/*.yml"]))


def sql_sources():
    for path in files([ROOT + "/.build/checkouts/GRDB.swift/**/*.md"]):
        text = read(path) or ""
        for index, block in enumerate(re.findall(r"```sql\n(.*?)```", text, re.S)):
            if block.strip():
                yield f"{path}#{index}", block.strip("\n")
    for path in files([PYTHON_STDLIB + "/test/test_sqlite3/*.py"]):
        text = read(path) or ""
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("execute", "executescript", "executemany") and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and len(arg.value) > 12:
                    yield f"{path}:{node.lineno}", arg.value.strip("\n")
    for path, text in small(files(["/usr/share/**/*.sql"])):
        yield path, text


SOURCES = {
    "python": python_sources, "javascript": javascript_sources, "typescript": typescript_sources, "swift": swift_sources,
    "bash": bash_sources, "json": json_sources, "sql": sql_sources, "yaml": yaml_sources,
}

# ---------------------------------------------------------------- corruptions

def corrupt(code, language, rng):
    kinds = ["drop-bracket", "drop-colon", "drop-quote", "stray-token", "cut-mid-line", "double-operator"]
    rng.shuffle(kinds)
    for kind in kinds:
        result = apply(kind, code, language, rng)
        if result is not None and result != code:
            return kind, result
    return None, code


def apply(kind, code, language, rng):
    def drop_one(chars):
        spots = [i for i, c in enumerate(code) if c in chars]
        if not spots:
            return None
        i = rng.choice(spots)
        return code[:i] + code[i + 1:]
    if kind == "drop-bracket":
        return drop_one("()[]{}")
    if kind == "drop-colon":
        return drop_one(":" if language in ("python", "yaml", "json") else ":;")
    if kind == "drop-quote":
        return drop_one("'\"`")
    if kind == "stray-token":
        lines = code.split("\n")
        candidates = [i for i, line in enumerate(lines) if line.strip()]
        i = rng.choice(candidates)
        line = lines[i]
        spaces = [k for k, c in enumerate(line) if c in " (.,=:"] or [len(line)]
        k = rng.choice(spaces)
        token = rng.choice(STRAY)
        lines[i] = line[:k] + (token if rng.random() < 0.5 else " " + token) + line[k:]
        return "\n".join(lines)
    if kind == "cut-mid-line":
        lines = code.split("\n")
        candidates = [i for i, line in enumerate(lines) if len(line.strip()) > 4 and i >= len(lines) // 3]
        if not candidates:
            return None
        i = rng.choice(candidates)
        line = lines[i]
        start = len(line) - len(line.lstrip())
        cut = rng.randint(start + 1, len(line) - 1)
        return "\n".join(lines[:i] + [line[:cut]])
    if kind == "double-operator":
        spots = [m.start() for m in re.finditer(r"(?<=[\w\s)\]])[=+\-*/<>.,|&](?=[\w\s(\[])", code)]
        if not spots:
            return None
        i = rng.choice(spots)
        return code[:i] + code[i] + code[i:]
    return None

# ---------------------------------------------------------------- labels by the real tools

TS_LABELER = """
const ts = require(process.argv[1]);
const code = require('fs').readFileSync(0, 'utf8');
const out = ts.transpileModule(code, { reportDiagnostics: true, fileName: 'snippet.ts', compilerOptions: { target: ts.ScriptTarget.Latest } });
process.exit(out.diagnostics.length === 0 ? 0 : 1);
"""


def run(args, code=None, suffix=None, input_text=None):
    with tempfile.TemporaryDirectory() as folder:
        path = None
        if suffix is not None:
            path = os.path.join(folder, "snippet" + suffix)
            with open(path, "w", encoding="utf-8") as f:
                f.write(code)
            args = [a.replace("{file}", path) for a in args]
        completed = subprocess.run(args, input=input_text, capture_output=True, text=True, timeout=120, cwd=folder)
        return completed.returncode, completed.stderr


def label(language, code):
    """True when the real tool accepts the code."""
    if language == "python":
        status, _ = run([sys.executable, "-W", "ignore", "-m", "py_compile", "{file}"], code, ".py")
        return status == 0
    if language == "javascript":
        status, err = run(["node", "--check", "{file}"], code, ".cjs")
        if status == 0:
            return True
        if any(signal in err for signal in MODULE_SIGNALS):
            status, _ = run(["node", "--check", "{file}"], code, ".mjs")
            return status == 0
        return False
    if language == "typescript":
        status, _ = run(["node", "-e", TS_LABELER, TS_MODULE], input_text=code)
        return status == 0
    if language == "swift":
        status, _ = run(["swiftc", "-parse", "{file}"], code, ".swift")
        return status == 0
    if language == "bash":
        status, _ = run(["bash", "--norc", "--noprofile", "-n", "{file}"], code, ".sh")
        return status == 0
    if language == "json":
        def reject(name):
            raise ValueError(name)
        try:
            json.loads(code, parse_constant=reject)
            return True
        except (ValueError, RecursionError):
            return False
    if language == "sql":
        _, err = run(["sqlite3", "-safe", ":memory:"], input_text=code)
        return not re.search(r"syntax error|unrecognized token|incomplete input", err)
    if language == "yaml":
        import yaml
        try:
            for _ in yaml.compose_all(code, Loader=yaml.SafeLoader):
                pass
            return True
        except yaml.YAMLError:
            return False
    raise ValueError(language)


def fence(code, language):
    run_length = max([len(m) for m in re.findall(r"`+", code)] + [2]) + 1
    ticks = "`" * max(3, run_length)
    return f"{ticks}{language}\n{code}\n{ticks}\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--out", required=True)
    parser.add_argument("--per-language", type=int, default=PER_LANGUAGE)
    parser.add_argument("--languages", default=",".join(SOURCES))
    options = parser.parse_args()
    items = []
    for language in options.languages.split(","):
        pool = [
            (path, code) for path, code in SOURCES[language]()
            if (options.split == "all" or split_of(path.split("#")[0].split(":")[0]) == options.split) and encodable(code)
        ]
        rng = random.Random(f"evalctl-{language}-{options.split}")
        rng.shuffle(pool)
        pool = pool[: options.per_language]
        for index, (path, code) in enumerate(pool):
            corruption = None
            if index % 2 == 1:
                corruption, code = corrupt(code, language, random.Random(digest(path)))
            items.append({"language": language, "source": path, "corruption": corruption, "code": code})
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as executor:
        labels = list(executor.map(lambda item: label(item["language"], item["code"]), items))
    with open(options.out, "w", encoding="utf-8") as out:
        for number, (item, accepted) in enumerate(zip(items, labels), 1):
            line = {
                "id": number, "output": fence(item["code"], item["language"]), "expect": {"code_language": item["language"]},
                "finish_reason": "stop", "label": "valid" if accepted else "invalid", "language": item["language"],
                "source": item["source"], "corruption": item["corruption"],
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    counts = {}
    for item, accepted in zip(items, labels):
        key = item["language"]
        counts.setdefault(key, [0, 0])[0 if accepted else 1] += 1
    for language, (valid, invalid) in counts.items():
        print(f"{language:11s} {valid + invalid:4d} snippets: {valid} valid, {invalid} invalid", file=sys.stderr)


if __name__ == "__main__":
    main()
