import Crypto
import EvalCore
import Foundation

/// AWS Signature Version 4 for one request: the `Authorization` header from the request's method,
/// path, query, signed headers and body, an access key and its secret, a region and a service.
///
/// Each path segment of the canonical request is the segment as sent, URI-encoded once more (the
/// rule of every service but S3, which AWS's test suite follows too: a path sent as `/ሴ` signs as
/// `/%E1%88%B4`, a model id sent as `v1%3A0` as `v1%253A0`).
public struct SigV4Signer: Sendable {
    /// The keys that sign: from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, for temporary
    /// credentials, `AWS_SESSION_TOKEN`.
    public struct Credentials: Sendable {
        public var accessKeyID: String
        public var secretAccessKey: APIKey
        public var sessionToken: APIKey?

        public init(accessKeyID: String, secretAccessKey: APIKey, sessionToken: APIKey? = nil) {
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
            self.sessionToken = sessionToken
        }

        /// The standard AWS variables, when both keys are set.
        public static func fromEnvironment(_ environment: [String: String]) -> Credentials? {
            guard let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty, let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
                return nil
            }
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : APIKey($0) }
            return Credentials(accessKeyID: id, secretAccessKey: APIKey(secret), sessionToken: token)
        }
    }

    public var credentials: Credentials
    public var region: String
    public var service: String

    public init(credentials: Credentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The headers to add to a request: `x-amz-date`, `x-amz-security-token` with temporary
    /// credentials, and `authorization`.
    ///
    /// - Parameters:
    ///   - method: `GET`, `POST`, …
    ///   - url: The URL as sent (its path percent-encoded as on the wire).
    ///   - headers: Headers to sign besides `host`, `x-amz-date` and the session token.
    ///   - body: The body's bytes.
    ///   - date: The signing time.
    public func sign(method: String, url: URL, headers: [(String, String)] = [], body: Data, date: Date) -> [(String, String)] {
        let stamp = Self.timestamp(date)
        let day = String(stamp.prefix(8))
        var signed = headers.map { ($0.0.lowercased(), $0.1) }
        var host = url.host ?? ""
        if let port = url.port { host += ":\(port)" }
        signed.append(("host", host))
        signed.append(("x-amz-date", stamp))
        var added = [("x-amz-date", stamp)]
        if let token = credentials.sessionToken {
            signed.append(("x-amz-security-token", token.rawValue))
            added.append(("x-amz-security-token", token.rawValue))
        }
        let request = Self.canonicalRequest(
            method: method, path: url.path(percentEncoded: true), query: url.query(percentEncoded: true) ?? "", headers: signed,
            payloadHash: Self.hex(SHA256.hash(data: body)))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let toSign = "AWS4-HMAC-SHA256\n\(stamp)\n\(scope)\n\(Self.hex(SHA256.hash(data: Data(request.text.utf8))))"
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey.rawValue)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(toSign.utf8), using: key))
        added.append(
            (
                "authorization",
                "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(request.signedHeaders), Signature=\(signature)"
            ))
        return added
    }

    /// The canonical request's text and its signed-header list.
    public static func canonicalRequest(method: String, path: String, query: String, headers: [(String, String)], payloadHash: String) -> (
        text: String, signedHeaders: String
    ) {
        let segments = (path.isEmpty ? "/" : path).split(separator: "/", omittingEmptySubsequences: false).map { uriEncode(String($0)) }
        var parameters: [(name: String, value: String)] = []
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : ""
            parameters.append((uriEncode(name.removingPercentEncoding ?? name), uriEncode(value.removingPercentEncoding ?? value)))
        }
        parameters.sort { lhs, rhs in lhs.name == rhs.name ? lhs.value < rhs.value : lhs.name < rhs.name }
        var byName: [String: [String]] = [:]
        for (name, value) in headers {
            let trimmed = value.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            byName[name.lowercased(), default: []].append(trimmed)
        }
        let names = byName.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(byName[$0, default: []].joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let text = [
            method.uppercased(), segments.joined(separator: "/"), parameters.map { "\($0.name)=\($0.value)" }.joined(separator: "&"),
            canonicalHeaders,
            signedHeaders, payloadHash,
        ].joined(separator: "\n")
        return (text, signedHeaders)
    }

    /// RFC 3986 percent-encoding: everything but `A–Z a–z 0–9 - _ . ~`, as UTF-8 bytes.
    public static func uriEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }

    /// `YYYYMMDD'T'HHMMSS'Z'` in UTC.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0,
            parts.second ?? 0)
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
