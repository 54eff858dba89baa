import EvalConfig
import Foundation
import Testing

/// Files in encodings other than UTF-8 are refused with the line where the problem is and a word
/// about the encoding, never Foundation's "The file isn't in the correct format".
struct ConfigTextTests {
    func write(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-enc-\(UUID().uuidString).yaml").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func message(_ bytes: [UInt8]) throws -> String {
        let path = try write(bytes)
        do {
            _ = try ConfigurationLoader.load(path: path)
            Issue.record("expected an error")
            return ""
        } catch {
            #expect(error.description.hasPrefix(path + ":"), "\(error.description)")
            return error.description
        }
    }

    @Test func latin1IsRefusedAtTheLineAndColumnOfTheFirstForeignByte() throws {
        // "reference: a\nplatforms: []\n# café" in Latin-1: 0xE9 on line 3.
        let text = Array("reference: a\nplatforms: []\n# caf".utf8) + [0xE9, 0x0A]
        let description = try message(text)
        #expect(description.contains(":3: not UTF-8 text: byte 0xE9 at column 6"), "\(description)")
    }

    @Test func utf16WithAByteOrderMarkIsNamed() throws {
        let units: [UInt8] = "reference: a\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let text: [UInt8] = [0xFF, 0xFE] + units
        let description = try message(text)
        #expect(description.contains(":1: not UTF-8 text: the file is UTF-16 text"), "\(description)")
    }

    @Test func utf16WithoutAByteOrderMarkIsRecognizedByItsNULBytes() throws {
        let text: [UInt8] = "reference: a\nplatforms: []\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let description = try message(text)
        #expect(description.contains("UTF-16 text without a byte-order mark"), "\(description)")
    }

    @Test func binaryDataIsRefusedAsBinary() throws {
        var generator = SystemRandomNumberGenerator()
        let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00] + (0..<500).map { _ in UInt8.random(in: 1...255, using: &generator) } + [0x00]
        let description = try message(gzip)
        #expect(description.contains("not UTF-8 text"), "\(description)")
    }

    @Test func aUTF8ByteOrderMarkAndNonASCIITextAreFine() throws {
        let path = try write([0xEF, 0xBB, 0xBF] + Array("reference: café\nplatforms:\n  - {name: café, base_url: 'http://h/v1', model: m}\n".utf8))
        do {
            _ = try ConfigurationLoader.load(path: path)
        } catch {
            // The name is refused for its letters, not for its encoding.
            #expect(error.description.contains("platforms[0].name"), "\(error.description)")
        }
    }

    @Test func aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("evalctl-big-\(UUID().uuidString).yaml").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(ConfigText.maximumBytes + 1))
        try handle.close()
        #expect(throws: ConfigError.self) { try ConfigText.read(path: path) }
        do {
            _ = try ConfigText.read(path: path)
        } catch {
            #expect(error.description == "\(path): cannot read file: larger than 16 MiB; configuration and suite files are small text files")
        }
    }
}
