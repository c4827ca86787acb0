import DCMCApplication
import DCMCRuntime

/// SPEC section 17's statuses for what the use cases refuse: the kinds the CLI turns into exit
/// statuses, here into HTTP ones.
extension Problem {
  /// `form`: the body's member that held the form the use case checked (`fields` of a case,
  /// `data` of a task's outcome), so its problems name their field as the body does
  /// (`fields.Amount`), as `JSONBody.form`'s own refusals do.
  init(_ error: ServiceError, form: String? = nil) {
    switch error {
    case .refused(let refusal): self.init(refusal, form: form)
    case .repository(let failure) where failure.versionsMoved: self = .versionsMoved
    case .repository(let failure):
      // The answer says what failed; the paths on the server's disk are for its log only.
      self.init(500, "store_failed", "the store failed: \(failure.descriptionWithoutPaths)")
      logNote = "\(failure)"
    }
  }

  /// The tokens could not be read (`TokenRefusal.unavailable`): a 500 whose log line names the
  /// store's failure, as any other store failure's does.
  static func tokensUnavailable(_ failure: String) -> Problem {
    var problem = Problem(500, "store_failed", "the store failed: \(TokenRefusal.unavailable(failure))")
    problem.logNote = failure
    return problem
  }

  /// A write refused by the store because the tokens or the deployment changed while it was
  /// decided (`VersionsMoved`): `API.respond` decides it again on the store's versions, and
  /// answers this only when they kept moving (`API.fencedTries`).
  static let versionsMoved = Problem(
    503, "versions_moved", "the tokens or the deployment kept changing while the request was decided; try again",
    headers: [("Retry-After", "1")])

  init(_ refusal: ServiceRefusal, form: String? = nil) {
    let detail = refusal.description
    switch refusal {
    // An id that cannot name anything names nothing here.
    case .invalidID: self.init(404, "not_found", detail)
    // A token always names a user: one the directory does not know may do nothing.
    case .noActingUser, .unknownUser: self.init(403, "forbidden", detail)
    // A request id used before for another request, or by another user: as a reused
    // `Idempotency-Key` is (`API.keyReused`), named for what was reused.
    case .requestReused, .customerRequestReused, .presenceRequestReused, .requestOfAnotherUser:
      self.init(422, "request_id_reused", detail, errors: [FieldError(field: refusal.field, detail: detail)])
    case .rule(let rule) where rule.kind == .invalidInput:
      self.init(
        422, "invalid_input", rule.message,
        errors: rule.problems.map { problem in
          var error = Self.fieldError(problem)
          if let form, let field = error.field { error.field = "\(form).\(field)" }
          return error
        })
    case .customer(.invalidRecord(let problems)):
      self.init(422, "invalid_input", detail, errors: problems.map { FieldError(field: $0.member, detail: $0.description) })
    default:
      switch refusal.kind {
      case .forbidden: self.init(403, "forbidden", detail)
      case .notFound: self.init(404, "not_found", detail)
      case .wrongState: self.init(409, "wrong_state", detail)
      // Named by the member the refusal is about, when it is about one (`ServiceRefusal.field`:
      // a PATCH's `sla` or `ola`, a presence's `reason`).
      case .invalidInput:
        self.init(422, "invalid_input", detail, errors: [FieldError(field: refusal.field, detail: detail)])
      }
    }
  }

  /// `'Customer_Email' is required`: the field in quotes first, when the problem starts so.
  static func fieldError(_ problem: String) -> FieldError {
    guard problem.hasPrefix("'"), let close = problem.dropFirst().firstIndex(of: "'") else {
      return FieldError(field: nil, detail: problem)
    }
    let field = String(problem[problem.index(after: problem.startIndex)..<close])
    return FieldError(field: field, detail: problem)
  }

  /// 401 for a bearer token that does not act. RFC 6750 section 3: a request without one is
  /// challenged with no error; a token that is malformed, unknown, revoked or expired with
  /// `invalid_token`, so a client knows to get another. Tokens that cannot be read are the
  /// server's trouble, not the token's: no error either.
  init(_ refusal: TokenRefusal) {
    var challenge = "Bearer realm=\"dcmc\""
    switch refusal {
    case .missing, .unavailable: break
    case .malformed, .unknown, .revoked, .expired:
      challenge += ", error=\"invalid_token\", error_description=\"\(refusal.description)\""
    }
    self.init(401, "unauthorized", refusal.description, headers: [("WWW-Authenticate", challenge)])
  }
}

/// Runs a use case, its refusal as the problem SPEC section 17 says (`form`: as
/// `Problem.init(_:form:)`).
func served<T>(form: String? = nil, _ body: () throws(ServiceError) -> T) throws(Problem) -> T {
  do { return try body() } catch { throw Problem(error, form: form) }
}

extension CustomerProblem {
  /// The body's member a record's problem is about: `name`, `email`, `phone` or the profile's
  /// field under `fields`.
  var member: String {
    switch self {
    case .emptyName, .nameCharacter, .nameTooLong: "name"
    case .invalidEmail: "email"
    case .invalidPhone: "phone"
    case .field(let problem): "fields.\(problem.field)"
    }
  }
}
