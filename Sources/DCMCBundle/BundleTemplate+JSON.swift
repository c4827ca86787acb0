extension BundleTemplate {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    id = try object.string("id")
    name = try object.string("name")
    description = try object.optionalString("description")
    source = try object.decode("source", BundleSource.init(json:))
    subject = try object.optionalArray("subject", BundleTextPart.init(json:))
    body = try object.array("body", BundleTextPart.init(json:))
  }
}

extension BundleTextPart {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    text = try object.optionalString("text")
    variable = try object.optionalString("variable")
  }
}

extension BundleWorkgroup {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    id = try object.string("id")
    name = try object.string("name")
    description = try object.optionalString("description")
    source = try object.decode("source", BundleSource.init(json:))
    members = try object.array("members", BundleMember.init(json:))
    supervisors = try object.strings("supervisors")
  }
}

extension BundleMember {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    user = try object.string("user")
    skills = try object.array("skills", BundleSkill.init(json:))
  }
}

extension BundleSkill {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    skill = try object.string("skill")
    level = try object.int("level")
  }
}

extension BundleCustomerProfile {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    id = try object.string("id")
    source = try object.decode("source", BundleSource.init(json:))
    fields = try object.array("fields", BundleField.init(json:))
  }
}

extension BundleField {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    id = try object.string("id")
    name = try object.string("name")
    type = try object.enumeration("type", Kind.self)
    required = try object.bool("required")
    values = try object.strings("values")
    pattern = try object.optionalString("pattern")
    description = try object.optionalString("description")
  }
}
