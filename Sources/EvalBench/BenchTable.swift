import Foundation

/// The one table `make bench` prints: each measurement with its goal.
struct BenchTable {
    struct Row {
        var name: String
        var value: String
        var goal: String
        var met: Bool?
        var note: String
    }

    var rows: [Row] = []

    mutating func add(_ name: String, _ value: String, goal: String = "", met: Bool? = nil, note: String = "") {
        rows.append(Row(name: name, value: value, goal: goal, met: met, note: note))
        print("  \(name): \(value)\(goal.isEmpty ? "" : " (goal \(goal))")", to: &StandardError.shared)
    }

    func render() -> String {
        let header = ["benchmark", "measured", "goal", "", "note"]
        let cells = rows.map { [$0.name, $0.value, $0.goal, $0.met.map { $0 ? "met" : "MISSED" } ?? "", $0.note] }
        let widths = header.indices.map { column in ([header[column]] + cells.map { $0[column] }).map(\.count).max() ?? 0 }
        func line(_ values: [String]) -> String {
            values.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + cells.map(line)).joined(separator: "\n")
    }
}

/// Standard error as a `TextOutputStream`, for progress lines.
struct StandardError: TextOutputStream {
    nonisolated(unsafe) static var shared = StandardError()
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
