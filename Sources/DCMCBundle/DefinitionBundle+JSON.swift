// Reading the bundle from its JSON tree, by hand: see `JSONObjectReader` for why not Codable.
// Each `init(json:)` reads the keys that the type's `Encodable` conformance writes.

extension DefinitionBundle {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    format = try object.string("format")
    compiler = try object.decode("compiler", BundleCompiler.init(json:))
    hash = try object.string("hash")
    calendars = try object.array("calendars", BundleCalendar.init(json:))
    workgroups = try object.array("workgroups", BundleWorkgroup.init(json:))
    templates = try object.array("templates", BundleTemplate.init(json:))
    customerProfile = try object.decodeIfPresent("customer_profile", BundleCustomerProfile.init(json:))
    caseTypes = try object.array("case_types", BundleCaseType.init(json:))
  }
}

extension BundleCompiler {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    name = try object.string("name")
    version = try object.string("version")
  }
}

extension BundleSource {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    file = try object.string("file")
    line = try object.int("line")
  }
}
