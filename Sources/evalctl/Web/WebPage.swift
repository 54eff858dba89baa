import Foundation
import HTTPTypes
import Hummingbird

/// A page of `evalctl serve`: server-rendered HTML under a strict content security policy (no
/// script, nothing fetched from elsewhere), or the page's data as JSON when the request accepts
/// `application/json`.
struct WebPage {
    var title: String
    /// The page's HTML body, every stored value in it escaped.
    var body: String
    /// The page's data, encoded as the CLI's JSON is (``ReportJSON``).
    var json: String
    var status: HTTPResponse.Status = .ok
    /// Seconds after which the browser reloads the page (`nil`: never): pages that follow the
    /// sweeps as they land stay current without a script.
    var refreshSeconds: Int? = nil

    /// No script, no plugin, no frame, no external resource; inline styles and `data:` images only.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    // A valid field name: the initializer cannot fail on it.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy") ?? .cacheControl

    /// The response: HTML, or JSON when the request's `Accept` asks for it.
    func response(for request: Request) -> Response {
        let wantsJSON = request.headers[.accept]?.contains("application/json") ?? false
        var headers: HTTPFields = [
            .contentSecurityPolicy: Self.contentSecurityPolicy, .xContentTypeOptions: "nosniff", Self.referrerPolicy: "no-referrer",
            .cacheControl: "no-store",
        ]
        headers[.contentType] = wantsJSON ? "application/json; charset=utf-8" : "text/html; charset=utf-8"
        headers[.vary] = "Accept"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: wantsJSON ? json : html)))
    }

    /// A page that says what was wrong with the request (400) or what is missing (404).
    static func problem(_ status: HTTPResponse.Status, _ message: String) -> WebPage {
        WebPage(
            title: "\(status.code) \(status.reasonPhrase)",
            body: "<h1>\(status.code) \(HTMLText.escape(status.reasonPhrase))</h1><p>\(HTMLText.escape(message))</p>",
            json: ReportJSON.encode(["error": message]), status: status)
    }

    var html: String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">\(refreshSeconds.map { "\n<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? "")
        <title>\(HTMLText.escape(title)) · evalctl</title>
        <style>
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; }
        nav { background: #23313f; padding: 8px 24px; } nav a { color: #fff; margin-right: 18px; text-decoration: none; font-weight: 600; }
        main { margin: 16px 24px; max-width: 1600px; }
        h1 { margin: 0 0 6px; font-size: 22px; } h2 { margin-top: 28px; border-bottom: 1px solid #ddd; font-size: 17px; } h3 { margin: 16px 0 6px; font-size: 15px; }
        .meta { color: #555; } .count { color: #777; font-weight: normal; font-size: 13px; }
        table { border-collapse: collapse; font-size: 13px; } th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.bad, tr.open td, tr.regression td { background: #fde0dc; } td.good { background: #e6f4e6; } td.infra { background: #fff4d6; }
        .charts { display: flex; flex-wrap: wrap; gap: 12px; } figure { margin: 0; } figcaption { font-size: 12px; color: #333; }
        pre { background: #f6f6f6; padding: 8px; white-space: pre-wrap; word-break: break-word; max-height: 420px; overflow: auto; }
        del { background: #fdd; color: #900; } ins { background: #dfd; color: #060; text-decoration: none; }
        span.tok { border-bottom: 1px solid #ccc; } span.tok.fired { background: #d62728; color: #fff; }
        form { margin: 8px 0; } select, button { font: inherit; }
        </style>
        </head>
        <body>
        <nav><a href="/">Overview</a><a href="/alerts">Alerts</a><a href="/compare">Compare</a><a href="/metrics">Metrics</a></nav>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// A path segment or query value as it goes into a link (`/platforms/<name>`).
    static func component(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A link, its text and target escaped.
    static func link(_ path: String, _ text: String) -> String {
        "<a href=\"\(HTMLText.escape(path))\">\(HTMLText.escape(text))</a>"
    }
}
