extension WordFrequencies {
    static let magic: [UInt8] = Array("EVALCTL-WORDFREQ-1\n".utf8)

    /// The frequencies as bytes, to cache them instead of reading and hashing every list again.
    public func serialized() -> [UInt8] {
        var out = Self.magic
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        }
        let names = Array(languages.joined(separator: ",").utf8)
        append(UInt32(names.count))
        out.append(contentsOf: names)
        append(absent.bitPattern)
        for part in [table, highest] {
            append(UInt64(part.count))
            append(UInt64(part.keys.count))
            part.keys.withUnsafeBytes { out.append(contentsOf: $0) }
            out.append(contentsOf: part.values)
        }
        return out
    }

    /// Reads frequencies written by ``serialized()``; `nil` if the bytes are not such frequencies.
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
        func readTable() -> ZipfTable? {
            guard let count = read(UInt64.self), let size = read(UInt64.self), size <= UInt64(bytes.count) else { return nil }
            let slots = Int(size)
            guard offset + slots * 9 <= bytes.count else { return nil }
            let keys = [UInt64](unsafeUninitializedCapacity: slots) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + slots * 8]))
                initialized = slots
            }
            offset += slots * 8
            let values = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + slots]))
            offset += slots
            return ZipfTable(keys: keys.map { UInt64(littleEndian: $0) }, values: values, count: Int(count))
        }
        guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic else { return nil }
        offset = Self.magic.count
        guard let nameLength = read(UInt32.self), offset + Int(nameLength) <= bytes.count else { return nil }
        let names = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(nameLength)]), as: UTF8.self)
        offset += Int(nameLength)
        guard let absentBits = read(UInt64.self), let table = readTable(), let highest = readTable(), offset == bytes.count else { return nil }
        self.init()
        languages = names.isEmpty ? [] : names.split(separator: ",").map(String.init)
        absent = Double(bitPattern: absentBits)
        self.table = table
        self.highest = highest
    }
}
