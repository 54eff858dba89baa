extension Lexicon {
    static let magic: [UInt8] = Array("EVALCTL-LEXICON-1\n".utf8)

    /// The lexicon as bytes, to cache a compiled lexicon instead of rebuilding it from word lists.
    public func serialized() -> [UInt8] {
        var out = Self.magic
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        }
        let names = Array(languages.joined(separator: ",").utf8)
        append(UInt32(names.count))
        out.append(contentsOf: names)
        append(UInt64(count))
        append(UInt64(fingerprints.count))
        append(functionWordLanguages)
        append(UInt32(functionWords.count))
        for (hash, bits) in functionWords.sorted(by: { $0.key < $1.key }) {
            append(hash)
            append(bits)
        }
        fingerprints.withUnsafeBytes { out.append(contentsOf: $0) }
        masks.withUnsafeBytes { out.append(contentsOf: $0) }
        return out
    }

    /// Reads a lexicon written by ``serialized()``; `nil` if the bytes are not one.
    public init?(serialized bytes: UnsafeRawBufferPointer) {
        var offset = 0
        func read<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard offset + MemoryLayout<T>.size <= bytes.count else { return nil }
            var value: T = 0
            withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + MemoryLayout<T>.size])) }
            offset += MemoryLayout<T>.size
            return T(littleEndian: value)
        }
        guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic else { return nil }
        offset = Self.magic.count
        guard let nameLength = read(UInt32.self), offset + Int(nameLength) <= bytes.count else { return nil }
        let names = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(nameLength)]), as: UTF8.self)
        offset += Int(nameLength)
        guard let count = read(UInt64.self), let size = read(UInt64.self), size > 0, size & (size - 1) == 0,
            let functionLanguages = read(UInt16.self), let functionCount = read(UInt32.self)
        else { return nil }
        let languages = names.isEmpty ? [] : names.split(separator: ",").map(String.init)
        guard languages.count <= 16 else { return nil }
        var functionWords: [UInt64: UInt16] = [:]
        for _ in 0..<functionCount {
            guard let hash = read(UInt64.self), let bits = read(UInt16.self) else { return nil }
            functionWords[hash] = bits
        }
        let slots = Int(size)
        guard offset + slots * 6 == bytes.count else { return nil }
        let fingerprints = [UInt32](unsafeUninitializedCapacity: slots) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + slots * 4]))
            initialized = slots
        }
        offset += slots * 4
        let masks = [UInt16](unsafeUninitializedCapacity: slots) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + slots * 2]))
            initialized = slots
        }
        self.init(
            languages: languages, fingerprints: fingerprints, masks: masks, functionWords: functionWords, count: Int(count),
            functionWordLanguages: functionLanguages
        )
    }
}
