extension WordFrequencies {
    static let magic: [UInt8] = Array("EVALCTL-WORDFREQ-1\n".utf8)

    /// The frequencies as bytes, to cache them instead of reading and hashing every list again.
    public func serialized() -> [UInt8] {
        var out = ByteWriter(magic: Self.magic)
        let names = Array(languages.joined(separator: ",").utf8)
        out.append(UInt32(names.count))
        out.append(contentsOf: names)
        out.append(absent.bitPattern)
        for part in [table, highest] {
            out.append(UInt64(part.count))
            out.append(UInt64(part.keys.count))
            out.append(memoryOf: part.keys)
            out.append(contentsOf: part.values)
        }
        return out.bytes
    }

    /// Reads frequencies written by ``serialized()``; `nil` if the bytes are not such frequencies.
    public init?(serialized bytes: UnsafeRawBufferPointer) {
        func readTable(_ reader: inout ByteReader) -> ZipfTable? {
            guard let count = reader.read(UInt64.self), let size = reader.read(UInt64.self), size <= UInt64(bytes.count),
                let keys = reader.integers(UInt64.self, count: Int(size)), let values = reader.bytes(Int(size))
            else { return nil }
            return ZipfTable(keys: keys, values: [UInt8](values), count: Int(count))
        }
        guard var reader = ByteReader(bytes, magic: Self.magic), let nameLength = reader.read(UInt32.self),
            let names = reader.string(length: Int(nameLength)), let absentBits = reader.read(UInt64.self),
            let table = readTable(&reader), let highest = readTable(&reader), reader.isAtEnd
        else { return nil }
        self.init()
        languages = names.isEmpty ? [] : names.split(separator: ",").map(String.init)
        absent = Double(bitPattern: absentBits)
        self.table = table
        self.highest = highest
    }
}
