import DCMCJSON

// Reading the bundle from its JSON tree, by hand: see `JSONReadable` for why not Codable.
// Each `init(json:)` reads the keys that the type's `Encodable` conformance writes.

extension DefinitionBundle: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    format = try object.required("format")
    compiler = try object.required("compiler")
    hash = try object.required("hash")
    calendars = try object.required("calendars")
    workgroups = try object.required("workgroups")
    templates = try object.required("templates")
    customerProfile = try object.optional("customer_profile")
    // Bundles compiled before presence have none.
    presence = try object.optional("presence")
    caseTypes = try object.required("case_types")
    try checkReferences()
    try checkRuleReferences()
    try checkOfferTimeouts()
  }
}

extension BundleCompiler: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    name = try object.required("name")
    version = try object.required("version")
  }
}

extension BundleSource: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    file = try object.required("file")
    line = try object.required("line")
  }
}
