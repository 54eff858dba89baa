extension Lexicon {
    static let magic: [UInt8] = Array("EVALCTL-LEXICON-2\n".utf8)

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
        append(UInt64(slots.count))
        append(functionWordLanguages)
        slots.withUnsafeBytes { out.append(contentsOf: $0) }
        return out
    }

    /// Reads a lexicon written by ``serialized()``; `nil` if the bytes are not one.
    public init?(serialized bytes: UnsafeRawBufferPointer) {
        var offset = 0
        func read<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard offset + MemoryLayout<T>.size <= bytes.count else { return nil }
            var value: T = 0
            withUnsafeMutableBytes(of: &value) {
                $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + MemoryLayout<T>.size]))
            }
            offset += MemoryLayout<T>.size
            return T(littleEndian: value)
        }
        guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic else { return nil }
        offset = Self.magic.count
        guard let nameLength = read(UInt32.self), offset + Int(nameLength) <= bytes.count else { return nil }
        let names = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(nameLength)]), as: UTF8.self)
        offset += Int(nameLength)
        guard let count = read(UInt64.self), let size = read(UInt64.self), size > 0, size & (size - 1) == 0,
            let functionLanguages = read(UInt16.self)
        else { return nil }
        let languages = names.isEmpty ? [] : names.split(separator: ",").map(String.init)
        let slotCount = Int(size)
        guard languages.count <= 16, offset + slotCount * 8 == bytes.count else { return nil }
        let slots = [UInt64](unsafeUninitializedCapacity: slotCount) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + slotCount * 8]))
            initialized = slotCount
        }
        self.init(languages: languages, slots: slots, count: Int(count), functionWordLanguages: functionLanguages)
    }
}
