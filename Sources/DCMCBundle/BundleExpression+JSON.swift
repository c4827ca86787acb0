extension BundleExpression {
  /// Nesting is bounded by the parser's `CanonicalJSON.maximumDepth`, so the recursion is too.
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    op = try object.enumeration("op", Operator.self)
    field = try object.optionalString("field")
    literal = try object.decodeIfPresent("literal", BundleLiteral.init(json:))
    operands = try object.optionalArray("operands", BundleExpression.init(json:))
    items = try object.optionalArray("items", BundleLiteral.init(json:))
  }
}

extension BundleLiteral {
  /// `{"type": "number", "value": 2.5}`: the type names the case and the kind of the value.
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    switch try object.enumeration("type", Kind.self) {
    case .string: self = .string(try object.string("value"))
    case .number: self = .number(try object.double("value"))
    case .boolean: self = .boolean(try object.bool("value"))
    case .date: self = .date(try object.string("value"))
    case .datetime: self = .datetime(try object.string("value"))
    }
  }
}
