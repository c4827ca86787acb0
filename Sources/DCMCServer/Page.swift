/// A page's response: an HTML document around `content`, with the headers every page carries
/// (docs/server.md, "Pages"): a Content-Security-Policy that allows nothing but the server's
/// own stylesheet, images and form posts, and no framing; no MIME sniffing; no referrer (a
/// status link is a secret in the path); no caching.
struct Page {
  var status = 200
  var title: String
  var content: [HTML]
  var headers: [(name: String, value: String)] = []
  /// What the site's header bar shows: the customers' service name, or who is signed in.
  var site: [HTML] = [.tag("p", text: "Customer service")]
  /// Scripts the server serves (`/assets/...`), loaded deferred; the policy then allows
  /// scripts and connections to the server itself and nothing inline.
  var scripts: [String] = []

  static let securityPolicy =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

  /// The headers of every page and of the stylesheet.
  static let securityHeaders: [(name: String, value: String)] = [
    ("Content-Security-Policy", securityPolicy), ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"), ("Cache-Control", "no-store"),
  ]

  /// The security headers, with scripts and connections to the server itself allowed when
  /// `scripted`.
  static func headers(scripted: Bool) -> [(name: String, value: String)] {
    guard scripted else { return securityHeaders }
    return securityHeaders.map { header in
      header.name == "Content-Security-Policy"
        ? (header.name, securityPolicy + "; script-src 'self'; connect-src 'self'") : header
    }
  }

  var response: HTTPResponse {
    let document = HTML.tag(
      "html", [("lang", "en")],
      [
        .tag(
          "head", [],
          [
            .void("meta", [("charset", "utf-8")]),
            .void("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
            .tag("title", text: title),
            .void("link", [("rel", "stylesheet"), ("href", PageStyle.path)]),
          ] + scripts.map { HTML.tag("script", [("src", $0), ("defer", "")]) }),
        .tag(
          "body", [],
          [.tag("header", [("class", "site")], site), .tag("main", [], content)]),
      ])
    return HTTPResponse(
      status: status,
      headers: [("Content-Type", "text/html; charset=utf-8")] + Self.headers(scripted: !scripts.isEmpty) + headers,
      body: Array(document.rendered(document: true).utf8))
  }

  /// The stylesheet's response.
  static var stylesheet: HTTPResponse {
    HTTPResponse(
      status: 200, headers: [("Content-Type", "text/css; charset=utf-8")] + securityHeaders,
      body: Array(PageStyle.css.utf8))
  }

  /// A plain page with a heading and one paragraph: not found, refused, too many requests.
  static func message(_ status: Int, _ title: String, _ text: String, headers: [(name: String, value: String)] = [])
    -> HTTPResponse
  {
    Page(status: status, title: title, content: [.tag("h1", text: title), .tag("p", text: text)], headers: headers)
      .response
  }
}
