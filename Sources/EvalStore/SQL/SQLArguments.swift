/// The values bound to a statement's parameters, in order (`?`, or `?1`, `?2` … by number).
public struct SQLArguments: Sendable, ExpressibleByArrayLiteral {
    /// The bound values.
    public var values: [SQLValue]

    public init(arrayLiteral elements: (any SQLBindable)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    public init(_ elements: [(any SQLBindable)?]) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    /// Adds values at the end.
    public mutating func append(contentsOf elements: [(any SQLBindable)?]) {
        values += elements.map { $0?.sqlValue ?? .null }
    }
}
