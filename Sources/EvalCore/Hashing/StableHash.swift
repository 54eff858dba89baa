/// A hash that is the same in every process and on every machine (unlike `Hasher`).
///
/// 64-bit FNV-1a over UTF-8. It identifies content (prompts, configurations) and derives
/// seeds; it is not a cryptographic hash.
public enum StableHash {
    /// The 64-bit hash of a string's UTF-8 bytes.
    public static func value(of text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The hash as 16 lowercase hexadecimal digits.
    public static func hex(of text: String) -> String {
        let raw = String(value(of: text), radix: 16)
        return String(repeating: "0", count: 16 - raw.count) + raw
    }
}
