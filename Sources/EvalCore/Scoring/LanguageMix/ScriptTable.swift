/// The script of every Unicode scalar, from a table for the Basic Multilingual Plane and
/// ranges above it.
///
/// Derived from the block structure of the Unicode Standard, with the punctuation, digits and
/// symbols inside script blocks (Thai baht sign, Arabic comma, Devanagari danda, CJK punctuation,
/// the katakana middle dot) set to `common`. The prolonged sound mark ー counts as katakana:
/// only Japanese writes it, since every language
/// uses them. Combining marks in the generic combining blocks are `common` too: they inherit
/// the script of the letter they follow.
public enum ScriptTable {
    /// One byte per BMP scalar: a ``Script`` raw value.
    static let bmp: [UInt8] = {
        var table = [UInt8](repeating: Script.common.rawValue, count: 0x10000)
        func set(_ range: ClosedRange<UInt32>, _ script: Script) {
            for v in range { table[Int(v)] = script.rawValue }
        }
        func clear(_ values: [UInt32]) {
            for v in values { table[Int(v)] = Script.common.rawValue }
        }
        // Latin
        set(0x41...0x5A, .latin); set(0x61...0x7A, .latin); set(0xAA...0xAA, .latin); set(0xBA...0xBA, .latin)
        set(0xC0...0x24F, .latin); clear([0xD7, 0xF7])
        set(0x250...0x2AF, .latin); set(0x1D00...0x1D7F, .latin); set(0x1E00...0x1EFF, .latin)
        set(0x2C60...0x2C7F, .latin); set(0xA720...0xA7FF, .latin); set(0xAB30...0xAB6F, .latin)
        set(0xFB00...0xFB06, .latin); set(0xFF21...0xFF3A, .latin); set(0xFF41...0xFF5A, .latin)
        // Greek
        set(0x370...0x3FF, .greek); clear([0x374, 0x375, 0x37E, 0x384, 0x385, 0x387]); set(0x1F00...0x1FFF, .greek)
        // Cyrillic
        set(0x400...0x52F, .cyrillic); set(0x1C80...0x1C8F, .cyrillic); set(0x2DE0...0x2DFF, .cyrillic); set(0xA640...0xA69F, .cyrillic)
        clear([0x482])
        // Armenian, Hebrew, Arabic, Syriac, Thaana
        set(0x531...0x58F, .armenian); clear([0x589, 0x58A]); set(0xFB13...0xFB17, .armenian)
        set(0x591...0x5FF, .hebrew); clear([0x5BE, 0x5C0, 0x5C3, 0x5C6, 0x5F3, 0x5F4]); set(0xFB1D...0xFB4F, .hebrew)
        set(0x600...0x6FF, .arabic); clear(Array(0x600...0x605) + [0x60C, 0x61B, 0x61F, 0x640, 0x6D4] + Array(0x660...0x66D) + Array(0x6F0...0x6F9))
        set(0x750...0x77F, .arabic); set(0x8A0...0x8FF, .arabic); set(0xFB50...0xFDFF, .arabic); set(0xFE70...0xFEFF, .arabic);
        clear([0xFEFF, 0xFD3E, 0xFD3F])
        set(0x700...0x74F, .syriac); set(0x780...0x7BF, .thaana)
        // Indic
        set(0x900...0x97F, .devanagari); clear([0x964, 0x965, 0x966, 0x967, 0x968, 0x969, 0x96A, 0x96B, 0x96C, 0x96D, 0x96E, 0x96F, 0x970])
        set(0xA8E0...0xA8FF, .devanagari)
        set(0x980...0x9FF, .bengali); clear(Array(0x9E6...0x9EF))
        set(0xA00...0xA7F, .gurmukhi); clear(Array(0xA66...0xA6F))
        set(0xA80...0xAFF, .gujarati); clear(Array(0xAE6...0xAEF))
        set(0xB00...0xB7F, .oriya); clear(Array(0xB66...0xB6F))
        set(0xB80...0xBFF, .tamil); clear(Array(0xBE6...0xBEF))
        set(0xC00...0xC7F, .telugu); clear(Array(0xC66...0xC6F))
        set(0xC80...0xCFF, .kannada); clear(Array(0xCE6...0xCEF))
        set(0xD00...0xD7F, .malayalam); clear(Array(0xD66...0xD6F))
        set(0xD80...0xDFF, .sinhala); clear([0xDF4])
        // Southeast Asian
        set(0xE00...0xE7F, .thai); clear([0xE3F] + Array(0xE50...0xE59))
        set(0xE80...0xEFF, .lao); clear(Array(0xED0...0xED9))
        set(0xF00...0xFFF, .tibetan); clear(Array(0xF20...0xF33))
        set(0x1000...0x109F, .myanmar); clear(Array(0x1040...0x1049)); set(0xAA60...0xAA7F, .myanmar); set(0xA9E0...0xA9FF, .myanmar)
        set(0x1780...0x17FF, .khmer); clear(Array(0x17E0...0x17E9)); set(0x19E0...0x19FF, .khmer)
        set(0x1800...0x18AF, .mongolian); clear([0x1802, 0x1803, 0x1805] + Array(0x1810...0x1819))
        // Georgian, Hangul, Ethiopic, Cherokee
        set(0x10A0...0x10FF, .georgian); clear([0x10FB]); set(0x1C90...0x1CBF, .georgian); set(0x2D00...0x2D2F, .georgian)
        set(0x1100...0x11FF, .hangul); set(0x3131...0x318E, .hangul); set(0xA960...0xA97F, .hangul); set(0xAC00...0xD7AF, .hangul)
        set(0xD7B0...0xD7FF, .hangul); set(0xFFA0...0xFFDC, .hangul); set(0x3200...0x321E, .hangul); set(0x3260...0x327E, .hangul)
        set(0x1200...0x139F, .ethiopic); clear(Array(0x1360...0x137C)); set(0x2D80...0x2DDF, .ethiopic); set(0xAB00...0xAB2F, .ethiopic)
        set(0x13A0...0x13FF, .cherokee); set(0xAB70...0xABBF, .cherokee)
        // Japanese kana, Bopomofo, Han
        set(0x3041...0x3096, .hiragana); set(0x309D...0x309F, .hiragana)
        set(0x30A1...0x30FA, .katakana); set(0x30FC...0x30FF, .katakana); set(0xFF70...0xFF70, .katakana); set(0x31F0...0x31FF, .katakana);
        set(0x32D0...0x32FE, .katakana)
        set(0x3300...0x3357, .katakana); set(0xFF66...0xFF6F, .katakana); set(0xFF71...0xFF9D, .katakana)
        set(0x3105...0x312F, .bopomofo); set(0x31A0...0x31BF, .bopomofo)
        set(0x2E80...0x2FD5, .han); set(0x3005...0x3005, .han); set(0x3007...0x3007, .han); set(0x3021...0x3029, .han)
        set(0x3038...0x303B, .han); set(0x3400...0x4DBF, .han); set(0x4E00...0x9FFF, .han); set(0xF900...0xFAFF, .han)
        return table
    }()

    /// The script of a scalar.
    @inline(__always)
    public static func script(of value: UInt32) -> Script {
        if value < 0x10000 { return Script(rawValue: bmp[Int(value)]) ?? .common }
        switch value {
        case 0x20000...0x3FFFF: return .han
        case 0x1B000...0x1B0FF: return value == 0x1B000 ? .katakana : .hiragana
        case 0x1D400...0x1D7FF: return .common  // mathematical alphanumerics
        case 0x10400...0x1044F: return .common
        default: return .common
        }
    }
}
