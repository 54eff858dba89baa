/// 64-bit keys that are hashes already (``Collocations``' hashes of expressions), each with up to
/// three flag bits, in one open-addressed table: a look-up is a multiply, a shift and, mostly, one
/// probe, where a `Set<UInt64>` per flag hashes the key again with SipHash and misses the cache
/// once per set (a line's words are looked up once per word and again for each word an
/// expression may go on with).
///
/// A slot holds the key's upper 61 bits and its flags in the lower 3, so a key is compared on 61
/// bits (collisions once in about 10¹⁸ pairs) and no stored slot is 0, which marks an empty one.
struct HashFlagTable: Sendable {
    private var slots: [UInt64]
    /// 64 minus log₂ of the table's size: a key's first slot is the top bits of the key times a
    /// large odd number.
    private var shift: UInt64
    /// The number of keys.
    private(set) var count = 0

    static let flagMask: UInt64 = 0b111

    init() {
        slots = [UInt64](repeating: 0, count: 16)
        shift = 60
    }

    /// A table as ``parts`` gave it; `nil` unless the slots are a power of two, 16 or more, and at
    /// most half full with `count` keys (a cache file of another table reads as nothing).
    init?(slots: [UInt64], count: Int) {
        guard slots.count >= 16, slots.count & (slots.count - 1) == 0, count >= 0, count * 2 <= slots.count else { return nil }
        self.slots = slots
        self.shift = UInt64(64 - slots.count.trailingZeroBitCount)
        self.count = count
    }

    /// The slots and the number of keys, to write the table out (see ``init(slots:count:)``).
    var parts: (slots: [UInt64], count: Int) { (slots, count) }

    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key & ~Self.flagMask) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Adds `flags` (some of the lower three bits, not none) to a key's; returns the flags it had.
    @discardableResult
    mutating func insert(_ key: UInt64, flags: UInt8) -> UInt8 {
        precondition(flags != 0 && UInt64(flags) & ~Self.flagMask == 0, "flags must be 1 to 7")
        // At most half full: short probe runs.
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        let stem = key & ~Self.flagMask
        var index = slot(of: key)
        while slots[index] != 0 {
            if slots[index] & ~Self.flagMask == stem {
                let old = UInt8(truncatingIfNeeded: slots[index] & Self.flagMask)
                slots[index] |= UInt64(flags)
                return old
            }
            index = (index + 1) & mask
        }
        slots[index] = stem | UInt64(flags)
        count += 1
        return 0
    }

    /// The flags of a key; 0 when it is not in the table.
    @inline(__always)
    func flags(of key: UInt64) -> UInt8 {
        let mask = slots.count - 1
        let stem = key & ~Self.flagMask
        var index = slot(of: key)
        while true {
            let stored = slots[index]
            if stored == 0 { return 0 }
            if stored & ~Self.flagMask == stem { return UInt8(truncatingIfNeeded: stored & Self.flagMask) }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for stored in old where stored != 0 {
            var index = slot(of: stored)
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = stored
        }
    }
}
