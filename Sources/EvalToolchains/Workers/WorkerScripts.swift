import EvalCore

/// The programs run inside worker processes.
///
/// Each reads `{"code": …}` lines on standard input and
/// answers each with one line; the first line it writes is `{"ready":true}`.
enum WorkerScripts {
    /// CPython's own compiler: `compile(code, "<snippet>", "exec")`, warnings silenced.
    static let python = #"""
        import json, sys, warnings
        warnings.simplefilter("ignore")
        def reply(obj):
            sys.stdout.write(json.dumps(obj) + "\n")
            sys.stdout.flush()
        reply({"ready": True})
        while True:
            line = sys.stdin.readline()
            if not line:
                break
            code = json.loads(line)["code"]
            try:
                compile(code, "<snippet>", "exec", dont_inherit=True)
                reply({"ok": True})
            except SyntaxError as e:
                reply({"ok": False, "line": e.lineno, "column": e.offset, "message": e.msg})
            except (ValueError, OverflowError, MemoryError, RecursionError) as e:
                reply({"ok": False, "line": None, "column": None, "message": str(e)})
        """#

    /// Node's parser with `node --check` semantics for CommonJS: the code compiles as the body of
    /// the module wrapper function.
    ///
    /// Code that fails only for module syntax (`import`, `export`,
    /// `import.meta`, top-level `await`) is checked as an ES module instead.
    static let javascript = #"""
        const vm = require("vm");
        const readline = require("readline");
        const wrapper = ["exports", "require", "module", "__filename", "__dirname"];
        const moduleSignals = [
          "Cannot use import statement outside a module",
          "Unexpected token 'export'",
          "Cannot use 'import.meta' outside a module",
          "await is only valid in async functions and the top level bodies of modules",
          "for await is only valid in async functions and the top level bodies of modules",
        ];
        function located(e) {
          const lines = String(e.stack || "").split("\n");
          const m = /^snippet\.js:(\d+)$/.exec(lines[0] || "");
          if (!m) return { ok: false, line: null, column: null, message: e.message };
          const caret = (lines[2] || "").indexOf("^");
          return { ok: false, line: Number(m[1]), column: caret >= 0 ? caret + 1 : null, message: e.message };
        }
        function check(code) {
          try {
            vm.compileFunction(code, wrapper, { filename: "snippet.js" });
            return { ok: true };
          } catch (e) {
            if (!(e instanceof SyntaxError) && e.name !== "SyntaxError") return { ok: false, line: null, column: null, message: String(e) };
            if (!moduleSignals.includes(e.message)) return located(e);
            try {
              new vm.SourceTextModule(code, { identifier: "snippet.mjs" });
              return { ok: true };
            } catch (m) {
              return { ok: false, line: null, column: null, message: m.message };
            }
          }
        }
        process.stdout.write(JSON.stringify({ ready: true }) + "\n");
        readline.createInterface({ input: process.stdin, terminal: false }).on("line", (line) => {
          process.stdout.write(JSON.stringify(check(JSON.parse(line).code)) + "\n");
        });
        """#

    /// TypeScript's own parser (Debian's node-typescript): the syntactic diagnostics of the file.
    static func typescript(module: String) -> String {
        #"""
        const ts = require(\#(JSONText.quote(module)));
        const readline = require("readline");
        function check(code) {
          const file = ts.createSourceFile("snippet.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
          const diagnostics = file.parseDiagnostics || [];
          if (diagnostics.length === 0) return { ok: true };
          const first = diagnostics[0];
          const at = file.getLineAndCharacterOfPosition(first.start || 0);
          return { ok: false, line: at.line + 1, column: at.character + 1, message: ts.flattenDiagnosticMessageText(first.messageText, "\n") };
        }
        process.stdout.write(JSON.stringify({ ready: true }) + "\n");
        readline.createInterface({ input: process.stdin, terminal: false }).on("line", (line) => {
          process.stdout.write(JSON.stringify(check(JSON.parse(line).code)) + "\n");
        });
        """#
    }
}
