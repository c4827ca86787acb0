import DCMCJSON

extension BundleExpression: JSONReadable {
  /// The longest `recent_cases` window the checker accepts: 366 days.
  static let maximumWindowSeconds = 366 * 86_400

  /// Nesting is bounded by `BundleFile.jsonLimits` when the bundle is parsed, so the recursion is too.
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    op = try object.required("op")
    field = try object.optionalID("field")
    literal = try object.optional("literal")
    operands = try object.optional("operands")
    items = try object.optional("items")
    windowSeconds = try object.optional("window_seconds", in: 60...Self.maximumWindowSeconds)
    caseType = try object.optionalID("case_type")
    if op == .customerRecentCases, windowSeconds == nil {
      throw JSONShapeError(.refused("a 'customer_recent_cases' node needs 'window_seconds'"))
    }
  }
}

extension BundleLiteral: JSONReadable {
  /// `{"type": "number", "value": 2.5}`: the type names the case and the kind of the value.
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    switch try object.required("type", as: Kind.self) {
    case .string: self = .string(try object.required("value"))
    case .number: self = .number(try object.required("value"))
    case .boolean: self = .boolean(try object.required("value"))
    case .date: self = .date(try object.required("value"))
    case .datetime: self = .datetime(try object.required("value"))
    }
  }
}

extension BundleExpression.Operator: JSONReadable {}
extension BundleLiteral.Kind: JSONReadable {}
