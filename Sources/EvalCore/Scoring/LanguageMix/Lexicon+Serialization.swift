extension Lexicon {
    static let magic: [UInt8] = Array("EVALCTL-LEXICON-2\n".utf8)

    /// The lexicon as bytes, to cache a compiled lexicon instead of rebuilding it from word lists.
    public func serialized() -> [UInt8] {
        var out = ByteWriter(magic: Self.magic)
        let names = Array(languages.joined(separator: ",").utf8)
        out.append(UInt32(names.count))
        out.append(contentsOf: names)
        out.append(UInt64(count))
        out.append(UInt64(slots.count))
        out.append(functionWordLanguages)
        out.append(memoryOf: slots)
        return out.bytes
    }

    /// Reads a lexicon written by ``serialized()``; `nil` if the bytes are not one.
    public init?(serialized bytes: UnsafeRawBufferPointer) {
        guard var reader = ByteReader(bytes, magic: Self.magic), let nameLength = reader.read(UInt32.self),
            let names = reader.string(length: Int(nameLength)), let count = reader.read(UInt64.self), let size = reader.read(UInt64.self),
            size > 0, size & (size - 1) == 0, size <= UInt64(bytes.count), let functionLanguages = reader.read(UInt16.self),
            let slots = reader.integers(UInt64.self, count: Int(size)), reader.isAtEnd
        else { return nil }
        let languages = names.isEmpty ? [] : names.split(separator: ",").map(String.init)
        guard languages.count <= 16 else { return nil }
        self.init(languages: languages, slots: slots, count: Int(count), functionWordLanguages: functionLanguages)
    }
}
