/// Reading Unicode scalars straight from UTF-8 bytes, for the passes that walk a text's bytes
/// (``LanguageMixDetector``'s scan, ``IdentifiedPhrases``' words) instead of `String` indices.
enum UTF8Decoding {
    /// The value of the scalar whose UTF-8 starts at `index`, and its length in bytes; U+FFFD and 1
    /// for a sequence cut short by the end of the bytes.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(bytes[index])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, index + 1 < bytes.count { return ((b0 & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if b0 < 0xF0, index + 2 < bytes.count {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        if index + 3 < bytes.count {
            return (
                (b0 & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                    | UInt32(bytes[index + 3] & 0x3F), 4
            )
        }
        return (0xFFFD, 1)
    }
}
