/// A hash that is the same in every process and on every machine (unlike `Hasher`).
///
/// 64-bit FNV-1a over UTF-8. It identifies content (prompts, configurations) and derives
/// seeds; it is not a cryptographic hash.
public enum StableHash {
    /// The 64-bit hash of a string's UTF-8 bytes.
    public static func value(of text: String) -> UInt64 {
        value(ofBytes: text.utf8)
    }

    /// The 64-bit hash of bytes (a file's content, to fingerprint a model or a word list).
    public static func value(ofBytes bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A uniform draw in [0, 1) determined by a string: the hash passed through a 64-bit
    /// finaliser first, since FNV's high bits barely change between similar short strings.
    public static func uniform(of text: String) -> Double {
        var z = value(of: text)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1.0p-53
    }

    /// The hash as 16 lowercase hexadecimal digits.
    public static func hex(of text: String) -> String {
        hex(value(of: text))
    }

    /// A hash as 16 lowercase hexadecimal digits.
    public static func hex(_ value: UInt64) -> String {
        let raw = String(value, radix: 16)
        return String(repeating: "0", count: 16 - raw.count) + raw
    }
}
