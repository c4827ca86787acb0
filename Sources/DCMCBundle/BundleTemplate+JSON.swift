import DCMCPatterns
import DCMCJSON

extension BundleTemplate: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    id = try object.id("id")
    name = try object.required("name")
    description = try object.optional("description")
    source = try object.required("source")
    subject = try object.optional("subject")
    body = try object.required("body")
  }
}

extension BundleTextPart: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    text = try object.optional("text")
    variable = try object.optionalID("variable")
  }
}

extension BundleWorkgroup: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    id = try object.id("id")
    name = try object.required("name")
    description = try object.optional("description")
    source = try object.required("source")
    members = try object.required("members")
    supervisors = try object.ids("supervisors")
    // Bundles compiled before push distribution have neither.
    mode = try object.optional("mode")
    offerTimeoutSeconds = try object.optional("offer_timeout_seconds", in: BundleTask.offerTimeoutSeconds)
    if offerTimeoutSeconds != nil, mode != .push {
      throw JSONShapeError(
        .refused("workgroup '\(id)' has an offer time-out but does not push"), path: ["offer_timeout_seconds"])
    }
    // Bundles compiled before service levels have none.
    serviceLevel = try object.optional("service_level")
  }
}

extension BundleMember: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    user = try object.id("user")
    skills = try object.required("skills")
    capacity = try object.optional("capacity", in: Self.capacities) ?? 1
  }
}

extension BundleSkill: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    skill = try object.id("skill")
    level = try object.required("level")
  }
}

extension BundleCustomerProfile: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    id = try object.id("id")
    source = try object.required("source")
    fields = try object.required("fields")
    try BundleField.refuseNotPublic(fields, of: "customer profile '\(id)'")
    guard fields.count <= BundleCustomerProfile.maximumFields else {
      throw JSONShapeError(.refused("a customer profile has at most \(Self.maximumFields) fields"), path: ["fields"])
    }
    // Bundles compiled before customer references had none: theirs is the default.
    reference = try object.optional("reference") ?? Self.defaultReference
    if let problem = ReferenceFormat.problem(in: reference, idOf: "customer") {
      throw JSONShapeError(.refused("reference format of the customer profile is refused: \(problem)"), path: ["reference"])
    }
    // The region itself is the runtime's to know (`RuntimeDefinitions`), as time zones are.
    phoneRegion = try object.optional("phone_region")
    if let phoneRegion, phoneRegion.count != 2 || !phoneRegion.allSatisfy({ $0.isASCII && $0.isUppercase }) {
      throw JSONShapeError(
        .refused("phone region '\(phoneRegion.prefix(16))' is not an ISO 3166 alpha-2 code"), path: ["phone_region"])
    }
  }
}

extension BundleField: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    id = try object.id("id")
    name = try object.required("name")
    type = try object.required("type")
    required = try object.required("required")
    values = try object.required("values")
    pattern = try object.optional("pattern")
    // A pattern the compiler would have refused (DC2016, DC2020) is refused here too: matching
    // it could not be done in linear time, or at all.
    if let pattern {
      do {
        _ = try Pattern(pattern)
      } catch {
        throw JSONShapeError(.refused("pattern of field '\(id)' is refused: \(error)"), path: ["pattern"])
      }
    }
    description = try object.optional("description")
    // Written only when `false`; absent in bundles compiled before the key: public.
    isPublic = try object.optional("public") ?? true
  }
}

extension BundleField {
  /// DC4012 on a bundle read: only a case type's fields are on its public form, so a form
  /// task's or the customer profile's field marked `"public": false` (which the compiler never
  /// writes: the checker refuses the key there) is refused, naming the field and its `owner`,
  /// rather than loaded and ignored.
  static func refuseNotPublic(_ fields: [BundleField], of owner: String) throws(JSONShapeError) {
    for (index, field) in fields.enumerated() where !field.isPublic {
      throw JSONShapeError(
        .refused("field '\(field.id)' of \(owner) has 'public', which only a case type's field has"),
        path: ["fields", "\(index)", "public"])
    }
  }
}

extension BundleField.Kind: JSONReadable {}
