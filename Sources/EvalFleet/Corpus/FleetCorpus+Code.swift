extension FleetCorpus {
    /// Answers with code, one fenced block each.
    static let code: [CorpusDocument] = [
        doc(
            "py-fizzbuzz", "code:python", "Write a Python function fizzbuzz(n) that returns the FizzBuzz sequence up to n.",
            #"""
            Here is a Python function that builds the sequence:

            ```python
            def fizzbuzz(n):
                result = []
                for i in range(1, n + 1):
                    if i % 15 == 0:
                        result.append("FizzBuzz")
                    elif i % 3 == 0:
                        result.append("Fizz")
                    elif i % 5 == 0:
                        result.append("Buzz")
                    else:
                        result.append(str(i))
                return result
            ```
            """#),
        doc(
            "py-word-count", "code:python", "Write a Python function that counts how often each word appears in a text file.",
            #"""
            This function reads the file and counts words with a Counter:

            ```python
            from collections import Counter


            def count_words(path):
                counts = Counter()
                with open(path, encoding="utf-8") as handle:
                    for line in handle:
                        for word in line.lower().split():
                            counts[word.strip(".,;:!?\"'")] += 1
                return counts
            ```
            """#),
        doc(
            "py-binary-search", "code:python", "Implement binary search in Python.",
            #"""
            Binary search halves the range on every step:

            ```python
            def binary_search(items, target):
                low, high = 0, len(items) - 1
                while low <= high:
                    mid = (low + high) // 2
                    if items[mid] == target:
                        return mid
                    if items[mid] < target:
                        low = mid + 1
                    else:
                        high = mid - 1
                return -1
            ```
            """#),
        doc(
            "py-dataclass", "code:python", "Write a Python dataclass for a bank account with deposit and withdraw methods.",
            #"""
            A small dataclass with two methods:

            ```python
            from dataclasses import dataclass


            @dataclass
            class Account:
                owner: str
                balance: float = 0.0

                def deposit(self, amount):
                    if amount <= 0:
                        raise ValueError("amount must be positive")
                    self.balance += amount

                def withdraw(self, amount):
                    if amount > self.balance:
                        raise ValueError("insufficient funds")
                    self.balance -= amount
            ```
            """#),
        doc(
            "js-debounce", "code:javascript", "Write a debounce function in JavaScript.",
            #"""
            A debounce wrapper delays the call until the input has been quiet for a while:

            ```javascript
            function debounce(fn, delay) {
              let timer = null;
              return function (...args) {
                clearTimeout(timer);
                timer = setTimeout(() => {
                  fn.apply(this, args);
                }, delay);
              };
            }

            module.exports = { debounce };
            ```
            """#),
        doc(
            "js-fetch-json", "code:javascript", "Write a JavaScript async function that fetches JSON from a URL and handles errors.",
            #"""
            This function checks the status before parsing:

            ```javascript
            async function fetchJson(url) {
              const response = await fetch(url);
              if (!response.ok) {
                throw new Error(`request failed with status ${response.status}`);
              }
              return response.json();
            }

            fetchJson("https://example.com/data.json")
              .then((data) => console.log(data))
              .catch((error) => console.error(error.message));
            ```
            """#),
        doc(
            "js-array-group", "code:javascript", "Write a JavaScript function that groups an array of objects by a key.",
            #"""
            Grouping with reduce:

            ```javascript
            function groupBy(items, key) {
              return items.reduce((groups, item) => {
                const value = item[key];
                if (!groups[value]) {
                  groups[value] = [];
                }
                groups[value].push(item);
                return groups;
              }, {});
            }
            ```
            """#),
        doc(
            "swift-stack", "code:swift", "Write a generic stack type in Swift.",
            #"""
            A generic stack backed by an array:

            ```swift
            struct Stack<Element> {
                private var items: [Element] = []

                var isEmpty: Bool { items.isEmpty }

                mutating func push(_ item: Element) {
                    items.append(item)
                }

                mutating func pop() -> Element? {
                    items.popLast()
                }

                func peek() -> Element? {
                    items.last
                }
            }
            ```
            """#),
        doc(
            "swift-async", "code:swift", "Write a Swift function that downloads two values concurrently with async let.",
            #"""
            With `async let`, both calls run at the same time:

            ```swift
            func loadProfile(id: Int) async throws -> (String, Int) {
                async let name = fetchName(id: id)
                async let score = fetchScore(id: id)
                return try await (name, score)
            }

            func fetchName(id: Int) async throws -> String {
                "user-\(id)"
            }

            func fetchScore(id: Int) async throws -> Int {
                id * 10
            }
            ```
            """#),
        doc(
            "swift-enum", "code:swift", "Write a Swift enum for traffic lights with a method that returns the next light.",
            #"""
            An enum with a computed property:

            ```swift
            enum TrafficLight: CaseIterable {
                case red, green, yellow

                var next: TrafficLight {
                    switch self {
                    case .red: return .green
                    case .green: return .yellow
                    case .yellow: return .red
                    }
                }
            }

            let light = TrafficLight.red
            print(light.next)
            ```
            """#),
        doc(
            "bash-backup", "code:bash", "Write a bash script that backs up a directory into a dated tar.gz archive.",
            #"""
            This script takes the directory as its first argument:

            ```bash
            #!/usr/bin/env bash
            set -euo pipefail

            source_dir="${1:?usage: backup.sh DIRECTORY}"
            stamp="$(date +%Y-%m-%d)"
            archive="backup-${stamp}.tar.gz"

            if [ ! -d "$source_dir" ]; then
              echo "not a directory: $source_dir" >&2
              exit 1
            fi

            tar -czf "$archive" -C "$(dirname "$source_dir")" "$(basename "$source_dir")"
            echo "wrote $archive"
            ```
            """#),
        doc(
            "bash-loop-files", "code:bash", "Write a bash loop that renames all .txt files in a folder to .md.",
            #"""
            A loop over the matching files:

            ```bash
            #!/usr/bin/env bash
            for file in ./*.txt; do
              [ -e "$file" ] || continue
              mv -- "$file" "${file%.txt}.md"
            done
            ```
            """#),
        doc(
            "bash-disk", "code:bash", "Write a bash script that warns when disk usage is above 90 percent.",
            #"""
            The script reads the usage column of df:

            ```bash
            #!/usr/bin/env bash
            threshold=90
            df -P | tail -n +2 | while read -r fs size used avail percent mount; do
              usage="${percent%\%}"
              if [ "$usage" -gt "$threshold" ]; then
                echo "warning: $mount is at ${usage}%"
              fi
            done
            ```
            """#),
        doc(
            "json-config", "code:json", "Write a JSON configuration for a web server with host, port and a list of routes.",
            #"""
            Here is a configuration file:

            ```json
            {
              "host": "0.0.0.0",
              "port": 8080,
              "routes": [
                { "path": "/", "handler": "index" },
                { "path": "/health", "handler": "health" },
                { "path": "/api/users", "handler": "users", "methods": ["GET", "POST"] }
              ],
              "logging": { "level": "info" }
            }
            ```
            """#),
        doc(
            "json-book", "code:json", "Write a JSON object describing a book with title, author, year and tags.",
            #"""
            A book as JSON:

            ```json
            {
              "title": "The Old Lighthouse",
              "author": "Maria Lind",
              "year": 1998,
              "tags": ["fiction", "sea", "family"],
              "available": true
            }
            ```
            """#),
        doc(
            "sql-top-customers", "code:sql", "Write a SQL query that finds the five customers with the highest total order value.",
            #"""
            Join orders to customers and sum per customer:

            ```sql
            SELECT c.id, c.name, SUM(o.amount) AS total
            FROM customers AS c
            JOIN orders AS o ON o.customer_id = c.id
            GROUP BY c.id, c.name
            ORDER BY total DESC
            LIMIT 5;
            ```
            """#),
        doc(
            "sql-create-table", "code:sql", "Write SQL to create a table for blog posts with an index on the publication date.",
            #"""
            A table and its index:

            ```sql
            CREATE TABLE posts (
                id INTEGER PRIMARY KEY,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                published_at TEXT,
                author_id INTEGER REFERENCES authors(id)
            );

            CREATE INDEX posts_published_at ON posts (published_at);
            ```
            """#),
        doc(
            "sql-monthly", "code:sql", "Write a SQL query that counts orders per month.",
            #"""
            Group by the month of the order date:

            ```sql
            SELECT strftime('%Y-%m', created_at) AS month, COUNT(*) AS orders
            FROM orders
            GROUP BY month
            ORDER BY month;
            ```
            """#),
        doc(
            "ts-interface", "code:typescript", "Write a TypeScript interface for a user and a function that formats it.",
            #"""
            An interface and a formatter:

            ```typescript
            interface User {
              id: number;
              name: string;
              email?: string;
            }

            function formatUser(user: User): string {
              const email = user.email ?? "no email";
              return `${user.name} (#${user.id}, ${email})`;
            }
            ```
            """#),
        doc(
            "yaml-compose", "code:yaml", "Write a YAML file describing a service with an image, ports and environment variables.",
            #"""
            A service definition:

            ```yaml
            services:
              web:
                image: nginx:1.25
                ports:
                  - "8080:80"
                environment:
                  LOG_LEVEL: info
                  WORKERS: "4"
                restart: unless-stopped
            ```
            """#),
    ]
}
