/// Zipf values to a tenth by 64-bit key (a word's hash, alone or mixed with its language), in one
/// open-addressing array: about a million and a half entries load from a cache file as two array
/// copies, with no hashing or per-entry insertion (see ``WordFrequencies/serialized()``).
///
/// Keys are hashes already; key 0 marks an empty slot, so a key of 0 is stored as 1 (two words in
/// 2⁶⁴ may share a slot that way, as they may share a hash).
struct ZipfTable: Sendable {
    /// The keys, 0 where empty; a power of two long.
    private(set) var keys: [UInt64]
    /// The value of the key in the same slot.
    private(set) var values: [UInt8]
    /// The number of keys stored.
    private(set) var count = 0

    /// A table with room for `capacity` keys before it grows.
    init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
    }

    /// A table from the arrays ``keys`` and ``values`` gave; `nil` unless they fit together.
    init?(keys: [UInt64], values: [UInt8], count: Int) {
        guard keys.count >= 16, keys.count & (keys.count - 1) == 0, values.count == keys.count, count >= 0, count * 2 <= keys.count
        else { return nil }
        self.keys = keys
        self.values = values
        self.count = count
    }

    static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    /// The first slot to look in: the key's high bits after a multiplication, so that keys differing
    /// only in their language's mix still spread.
    private func start(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & (keys.count - 1)
    }

    /// The value stored for a key, if any.
    subscript(key: UInt64) -> UInt8? {
        let key = Self.stored(key)
        let mask = keys.count - 1
        var slot = start(key)
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Stores `value` for a key, or keeps the value already there when it is higher.
    mutating func raise(_ key: UInt64, to value: UInt8) {
        if (count + 1) * 2 > keys.count { grow() }
        let key = Self.stored(key)
        let mask = keys.count - 1
        var slot = start(key)
        while true {
            let found = keys[slot]
            if found == key {
                values[slot] = max(values[slot], value)
                return
            }
            if found == 0 {
                keys[slot] = key
                values[slot] = value
                count += 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// Makes room for at least `capacity` keys.
    mutating func reserveCapacity(_ capacity: Int) {
        guard capacity * 2 > keys.count else { return }
        rehash(into: ZipfTable(capacity: capacity))
    }

    /// Shrinks the array to the least that holds the keys stored (twice their number, rounded up to
    /// a power of two), once everything is inserted.
    mutating func compact() {
        let fitted = ZipfTable(capacity: count)
        guard fitted.keys.count < keys.count else { return }
        rehash(into: fitted)
    }

    private mutating func grow() {
        rehash(into: ZipfTable(capacity: keys.count))
    }

    private mutating func rehash(into larger: ZipfTable) {
        var larger = larger
        for (slot, key) in keys.enumerated() where key != 0 { larger.raise(key, to: values[slot]) }
        self = larger
    }
}
