public import DCMCCalendar

/// What a request's line and headers alone decide, before its body is read: a client that
/// sent `Expect: 100-continue` waits for `100 Continue` before it sends the body, and a
/// refusal queued instead (`HTTPDaemon`'s access handler, on its first call) spares it the
/// upload. Each screen runs the admission steps its `respond` begins with (`API.admission`,
/// `Pages.admission`), the same function in the same order, with the declared length for the
/// body's, and changes nothing when it lets a request through: the request is then answered
/// in full, which decides everything again.
extension API {
  /// The answer refusing `request` on its headers at `now` (a repeated header, no route, a
  /// method the path does not take, a token that does not act, a rate, the query, a
  /// `Content-Length` over the limit), or OPTIONS's; `nil` when its body is due.
  public func screen(_ request: HTTPRequest, at now: Instant) -> Answer? {
    func answer(taking: Bool) -> Answer? {
      do throws(Problem) {
        let admission = try admission(request, bodyBytes: request.declaredLength, at: now, taking: taking)
        guard case .answered(let answer) = admission else { return nil }
        return answer
      } catch {
        return Answer(response: error.response, user: nil)
      }
    }
    // A look first, which takes no rate: a request it lets through takes its rates once, in
    // full. One it answers is answered as `respond` would, its rates taken.
    guard answer(taking: false) != nil else { return nil }
    return answer(taking: true)
  }
}

extension Pages {
  /// The answer refusing a page's `request` on its headers at `now` (a repeated header, the
  /// customers' rate, no page, a method the page does not take, a staff page without a
  /// session, a `Content-Length` over the forms' limit), or OPTIONS's; `nil` when its body is
  /// due. As `API.screen`: a look that takes no rate first.
  public func screen(_ request: HTTPRequest, at now: Instant) -> API.Answer? {
    func answer(taking: Bool) -> API.Answer? {
      guard case .answered(let response) = admission(request, bodyBytes: request.declaredLength, at: now, taking: taking)
      else { return nil }
      return API.Answer(response: response, user: nil)
    }
    guard answer(taking: false) != nil else { return nil }
    return answer(taking: true)
  }
}

extension HTTPRequest {
  /// The body's length its `Content-Length` header gives; `nil` without one (or a chunked body).
  var declaredLength: Int? { headers["content-length"].flatMap { Int($0) } }
}
