extension Collocations {
    static let magic: [UInt8] = Array("EVALCTL-COLLOCATIONS-1\n".utf8)

    /// The expressions as bytes, to cache them instead of reading every dictionary again.
    public func serialized() -> [UInt8] {
        var out = ByteWriter(magic: Self.magic)
        let (slots, keyCount) = keys.parts
        out.append(UInt64(count))
        out.append(UInt64(longest))
        out.append(UInt64(keyCount))
        out.append(UInt64(slots.count))
        out.append(memoryOf: slots)
        return out.bytes
    }

    /// Reads expressions written by ``serialized()``; `nil` if the bytes are not such expressions.
    public init?(serialized bytes: UnsafeRawBufferPointer) {
        guard var reader = ByteReader(bytes, magic: Self.magic), let count = reader.read(UInt64.self), let longest = reader.read(UInt64.self),
            let keyCount = reader.read(UInt64.self), let size = reader.read(UInt64.self), size <= UInt64(bytes.count),
            count <= keyCount, longest <= 1 << 16,
            let slots = reader.integers(UInt64.self, count: Int(size)), reader.isAtEnd,
            let table = HashFlagTable(slots: slots, count: Int(keyCount))
        else { return nil }
        self.init()
        keys = table
        self.count = Int(count)
        self.longest = Int(longest)
    }
}
