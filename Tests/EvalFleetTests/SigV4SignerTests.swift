import EvalBackends
import EvalCore
import Foundation
import Testing

/// AWS Signature Version 4 against AWS's published test suite (aws-sig-v4-test-suite: credentials
/// AKIDEXAMPLE, region us-east-1, service `service`, 2015-08-30T12:36:00Z).
struct SigV4SignerTests {
    let signer = SigV4Signer(
        credentials: .init(accessKeyID: "AKIDEXAMPLE", secretAccessKey: APIKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")), region: "us-east-1",
        service: "service")
    let date = Date(timeIntervalSince1970: 1_440_938_160)

    @Test(arguments: [
        ("get-vanilla", "GET", "https://example.amazonaws.com/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        (
            "get-vanilla-query-order-key-case", "GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1",
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
        ),
        ("post-vanilla", "POST", "https://example.amazonaws.com/", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        (
            "post-vanilla-query", "POST", "https://example.amazonaws.com/?Param1=value1",
            "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"
        ),
    ])
    func theTestSuitesSignatures(name: String, method: String, url: String, signature: String) throws {
        let headers = signer.sign(method: method, url: try #require(URL(string: url)), body: Data(), date: date)
        #expect(headers.first { $0.0 == "x-amz-date" }?.1 == "20150830T123600Z")
        let authorization = headers.first { $0.0 == "authorization" }?.1
        #expect(
            authorization
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(signature)",
            "\(name)")
    }

    /// Bedrock's model ids hold `:`, sent encoded (`%3A`) and signed encoded once more (`%253A`), as
    /// AWS's SDKs do for every service but S3; a session token is signed and sent.
    @Test func aBedrockPathIsEncodedTwiceAndASessionTokenIsSigned() throws {
        let url = try #require(URL(string: "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"))
        let request = SigV4Signer.canonicalRequest(
            method: "POST", path: url.path(percentEncoded: true), query: "", headers: [("Host", "h"), ("X-Amz-Date", "d")], payloadHash: "p")
        #expect(
            request.text.hasPrefix("POST\n/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse\n\nhost:h\nx-amz-date:d\n\nhost;x-amz-date\np"))
        var temporary = signer
        temporary.credentials.sessionToken = APIKey("session-token")
        let headers = temporary.sign(method: "POST", url: url, body: Data("{}".utf8), date: date)
        #expect(headers.contains { $0.0 == "x-amz-security-token" && $0.1 == "session-token" })
        #expect(headers.first { $0.0 == "authorization" }?.1.contains("SignedHeaders=host;x-amz-date;x-amz-security-token") == true)
    }
}
