/// Reads what ``ByteWriter`` wrote, each read `nil` past the end: a cache file cut short or of
/// another format reads as nothing, never as a wrong table.
struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    /// A reader past the format's magic line, or `nil` when the bytes do not start with it.
    init?(_ bytes: UnsafeRawBufferPointer, magic: [UInt8]) {
        guard bytes.count >= magic.count, bytes.prefix(magic.count).elementsEqual(magic) else { return nil }
        self.bytes = bytes
        offset = magic.count
    }

    /// Whether every byte was read.
    var isAtEnd: Bool { offset == bytes.count }

    mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard let run = bytes(MemoryLayout<T>.size) else { return nil }
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: run) }
        return T(littleEndian: value)
    }

    /// The next `count` bytes.
    mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    /// The next `count` fixed-width integers, as ``ByteWriter/append(memoryOf:)`` wrote their memory.
    mutating func integers<T: FixedWidthInteger>(_: T.Type, count: Int) -> [T]? {
        guard count >= 0, count <= (bytes.count - offset) / MemoryLayout<T>.size, let run = bytes(count * MemoryLayout<T>.size) else {
            return nil
        }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: run)
            initialized = count
        }
    }

    /// A UTF-8 string of `length` bytes.
    mutating func string(length: Int) -> String? {
        bytes(length).map { String(decoding: $0, as: UTF8.self) }
    }
}
