import EvalCore

/// Answer-sized snippets in the eight checked languages, varied by index; every other one has a
/// bracket or quote dropped, the way corrupted sampling breaks code.
enum BenchSnippets {
    static func make(count: Int) -> [(CodeLanguage, String)] {
        let languages = CodeLanguage.allCases
        return (0..<count).map { index in
            let language = languages[index % languages.count]
            let code = template(language, index)
            return (language, index / languages.count % 2 == 1 ? breakCode(code, index) : code)
        }
    }

    static func breakCode(_ code: String, _ index: Int) -> String {
        let spots = code.indices.filter { "()[]{}\"".contains(code[$0]) }
        guard !spots.isEmpty else { return code + "(" }
        var broken = code
        broken.remove(at: spots[index % spots.count])
        return broken
    }

    static func template(_ language: CodeLanguage, _ n: Int) -> String {
        switch language {
        case .python:
            """
            from dataclasses import dataclass

            @dataclass
            class Account\(n):
                owner: str
                balance: float = 0.0

                def deposit(self, amount: float) -> None:
                    if amount <= 0:
                        raise ValueError("amount must be positive, got %r" % (amount,))
                    self.balance += amount

                def history(self):
                    return [{"owner": self.owner, "balance": self.balance * \(n)}]
            """
        case .javascript:
            """
            function debounce\(n)(fn, wait = \(n % 500)) {
              let timer = null;
              return function (...args) {
                clearTimeout(timer);
                timer = setTimeout(() => fn.apply(this, args), wait);
              };
            }
            module.exports = { debounce\(n), groups: [1, 2, 3].map((x) => ({ key: `k${x}` })) };
            """
        case .typescript:
            """
            interface Item\(n) {
              id: number;
              tags: string[];
            }
            export function groupBy\(n)<T extends Item\(n)>(items: T[], key: (item: T) => string): Record<string, T[]> {
              const out: Record<string, T[]> = {};
              for (const item of items) {
                (out[key(item)] ??= []).push(item);
              }
              return out;
            }
            """
        case .swift:
            """
            struct Stack\(n)<Element> {
                private var items: [Element] = []
                mutating func push(_ item: Element) { items.append(item) }
                mutating func pop() -> Element? { items.popLast() }
                var top: Element? { items.last }
            }
            let sizes = [1, 2, \(n)].map { "\\($0)" }
            """
        case .bash:
            """
            #!/bin/bash
            set -euo pipefail
            for f in "${@:-.}"/*.log; do
              if [ -s "$f" ]; then
                echo "$(wc -l < "$f") $f" >> "/tmp/report-\(n).txt"
              fi
            done
            """
        case .json:
            """
            {"name": "service-\(n)", "replicas": \(n % 7 + 1), "ports": [80, 443], "env": {"LOG_LEVEL": "info", "ratio": 0.\(n)}}
            """
        case .sql:
            """
            CREATE TABLE orders_\(n) (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, total REAL DEFAULT (0.0));
            SELECT customer, SUM(total) AS spent FROM orders_\(n) WHERE total > \(n) GROUP BY customer ORDER BY spent DESC LIMIT 10;
            """
        case .yaml:
            """
            name: build-\(n)
            on:
              push:
                branches: [main, "release/\(n)"]
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: make test
            """
        }
    }
}
