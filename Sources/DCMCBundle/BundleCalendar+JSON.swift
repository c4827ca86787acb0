extension BundleCalendar {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    id = try object.string("id")
    name = try object.string("name")
    description = try object.optionalString("description")
    source = try object.decodeIfPresent("source", BundleSource.init(json:))
    timezone = try object.string("timezone")
    week = try object.array("week") { day throws(SchemaError) in
      try JSONObjectReader.array(day, BundleWindow.init(json:))
    }
    holidays = try object.strings("holidays")
    overrides = try object.array("overrides", BundleOverride.init(json:))
    dayMinutes = try object.int("day_minutes")
  }
}

extension BundleWindow {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    start = try object.int("start")
    end = try object.int("end")
  }
}

extension BundleOverride {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    date = try object.string("date")
    windows = try object.array("windows", BundleWindow.init(json:))
  }
}
