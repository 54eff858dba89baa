/// Bytes of a compiled table being written for a cache file: fixed-width integers little-endian,
/// runs of bytes as they are (see ``ByteReader``).
struct ByteWriter {
    private(set) var bytes: [UInt8]

    /// Starts with a format's magic line.
    init(magic: [UInt8]) {
        bytes = magic
    }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append<C: Collection<UInt8>>(contentsOf run: C) {
        bytes.append(contentsOf: run)
    }

    /// Appends an array of fixed-width integers as its memory, in the machine's byte order (a cache
    /// is read back on the machine that wrote it; ``ByteReader/integers(_:count:)``).
    mutating func append<T: FixedWidthInteger>(memoryOf values: [T]) {
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}
