import DCMCJSON

extension BundleCalendar: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    id = try object.required("id")
    name = try object.required("name")
    description = try object.optional("description")
    source = try object.optional("source")
    timezone = try object.required("timezone")
    week = try object.required("week")
    holidays = try object.required("holidays")
    overrides = try object.required("overrides")
    dayMinutes = try object.required("day_minutes", in: 1...1440)
  }
}

extension BundleWindow: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    start = try object.required("start")
    end = try object.required("end")
  }
}

extension BundleOverride: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    date = try object.required("date")
    windows = try object.required("windows")
  }
}
