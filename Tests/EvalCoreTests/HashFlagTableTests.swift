import Testing

@testable import EvalCore

/// The open-addressed table behind ``Collocations``: keys with flag bits, through growth.
struct HashFlagTableTests {
    @Test func flagsAddUpPerKeyAndAbsentKeysHaveNone() {
        var table = HashFlagTable()
        // SplitMix64's sequence: 20,000 distinct keys, the table growing from 16 slots.
        var state: UInt64 = 42
        var keys: [UInt64] = []
        for _ in 0..<20_000 {
            state &+= 0x9E37_79B9_7F4A_7C15
            keys.append(Collocations.combine(state, 1) & ~HashFlagTable.flagMask)
        }
        for (index, key) in keys.enumerated() {
            #expect(table.insert(key, flags: index % 2 == 0 ? 1 : 4) == 0)
        }
        #expect(table.count == keys.count)
        // Adding a flag keeps the one there and returns it; the count is unchanged.
        #expect(table.insert(keys[0], flags: 2) == 1)
        #expect(table.flags(of: keys[0]) == 3)
        #expect(table.count == keys.count)
        #expect(keys.enumerated().allSatisfy { index, key in table.flags(of: key) == (index == 0 ? 3 : index % 2 == 0 ? 1 : 4) })
        // Keys never inserted, the key 0 among them, have no flags; a key differing in the flag bits
        // only is the same key.
        #expect(table.flags(of: 0) == 0)
        #expect(table.flags(of: keys[1] ^ 0x8000_0000_0000_0000) == 0)
        #expect(table.flags(of: keys[1] | 0b101) == 4)
        table.insert(0, flags: 7)
        #expect(table.flags(of: 0) == 7 && table.count == keys.count + 1)
    }
}
